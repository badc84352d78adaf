/** Where an object lives in the store. */
export interface ObjectId {
  usecase: string;
  /** `org=1;project=2` */
  scopes: string;
  /** `1/2/<sha>` */
  key: string;
}

/** Most file systems refuse longer names. */
const maxSegmentBytes = 255;

/** A key (or usecase, or scope) that cannot name a file inside the store: a 400, never a path. */
export class InvalidObjectKeyError extends Error {
  constructor(readonly reason: string) {
    super('Invalid object key');
  }
}

/**
 * The file name of each part of an object's path, `usecase/scopes/key…`, each percent-encoded so
 * no character reaches the file system unescaped. Throws for a part that could leave the store's
 * folder (`.`, `..`), an empty one (`a//b`) or one too long for a file name.
 */
export function objectFileNames({ usecase, scopes, key }: ObjectId): string[] {
  const segments = [usecase, scopes, ...key.split('/')];
  return segments.map((segment, index) => {
    const where = index < 2 ? (index === 0 ? 'the usecase' : 'the scopes') : `key segment ${index - 1}`;
    if (segment === '') throw new InvalidObjectKeyError(`${where} is empty`);
    if (segment === '.' || segment === '..') throw new InvalidObjectKeyError(`${where} is "${segment}"`);
    const name = encodeURIComponent(segment);
    if (name.length > maxSegmentBytes) {
      throw new InvalidObjectKeyError(`${where} is longer than ${maxSegmentBytes} bytes once encoded`);
    }
    return name;
  });
}
