import { pipe } from 'rxjs';

/** Names a pipeline of operators (RxJS's `pipe`, typed link by link): `const train = compose(resize(256), centerCrop(256))`. */
export const compose = pipe;
