export { openSqliteStore, SQLITE_MIGRATION_NAMES, type SqliteStoreOptions } from './sqlite-store.js'
