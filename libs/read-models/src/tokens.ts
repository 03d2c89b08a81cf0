/** Injection tokens of the read-models module. */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const PROJECTIONS = Symbol('PROJECTIONS');
export const READ_MODELS_OPTIONS = Symbol('READ_MODELS_OPTIONS');
