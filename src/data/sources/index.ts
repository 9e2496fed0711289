export { fromFiles, type LabelledFile } from './from-files.js';
export { imageFolder, listImageFolder, type ImageFolderOptions } from './image-folder.js';
export { IMAGE_EXTENSIONS, isImageFile } from './image-files.js';
export { kaggleClassOf, kaggleFolder, listKaggleFolder, type KaggleFolderOptions } from './kaggle-folder.js';
export { entriesOf, type Listing } from './listing.js';
export { PythonRandom } from './python-random.js';
export { splitListing, type ShuffleKind, type SplitMode, type SplitOptions } from './split.js';
export { folderLayout, listDataFolder, type FolderLayout } from './data-folder.js';
