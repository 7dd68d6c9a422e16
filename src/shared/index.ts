export * from './errors.js'
export * from './logger.js'
export * from './map-concurrent.js'
export { escapeHtml } from './escape-html.js'
