export { openPostgresStore, redact, type PgStoreOptions } from './pg-store.js'
