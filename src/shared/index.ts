export * from './errors.js'
export * from './logger.js'
