export type * from './store.js'
export { FACET_FIELDS } from './store.js'
