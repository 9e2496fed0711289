export { folderLayout, type FolderLayout, listDataFolder } from './data-folder.js';
export { fromFiles, type LabelledFile } from './from-files.js';
export { IMAGE_EXTENSIONS, isImageFile } from './image-files.js';
export { imageFolder, type ImageFolderOptions, listImageFolder } from './image-folder.js';
export { kaggleClassOf, kaggleFolder, type KaggleFolderOptions, listKaggleFolder } from './kaggle-folder.js';
export { entriesOf, type Listing } from './listing.js';
export { PythonRandom } from './python-random.js';
export { type ShuffleKind, splitListing, type SplitMode, type SplitOptions } from './split.js';
