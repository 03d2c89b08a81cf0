// class-transformer ships the storage's types under types/, not beside cjs/storage.js.
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage.js').MetadataStorage;
}
