export * from './query.js'
export * from './index-text.js'
export * from './snippet.js'
export * from './suggest.js'
