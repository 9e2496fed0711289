import { Observable } from 'rxjs';
import type { Entry } from '../sample-types.js';
import { DataSourceError } from '../errors.js';
import { isImageFile, lookedFor } from './image-files.js';

/** A file to read and its class. */
export interface LabelledFile {
  readonly path: string;
  readonly label: number;
}

/**
 * A cold observable of an explicit list of files, indexed in the given order. The list is read
 * lazily (an iterable or async iterable is consumed only as the stream is subscribed), and a path
 * that is not an image file errors the stream naming it.
 */
export function fromFiles(files: Iterable<LabelledFile> | AsyncIterable<LabelledFile>): Observable<Entry> {
  return new Observable<Entry>((subscriber) => {
    let index = 0;
    const emit = (file: LabelledFile): boolean => {
      if (!isImageFile(file.path)) {
        subscriber.error(new DataSourceError(file.path, `not one of the ${lookedFor}`));
        return false;
      }
      subscriber.next({ path: file.path, label: file.label, index: index++ });
      return !subscriber.closed;
    };
    if (Symbol.iterator in files) {
      for (const file of files) if (!emit(file)) return;
      subscriber.complete();
      return;
    }
    (async () => {
      for await (const file of files) if (!emit(file)) return;
      subscriber.complete();
    })().catch((error) => subscriber.error(error));
  });
}
