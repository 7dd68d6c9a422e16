export * from './job-queue.js'
export { TableJobQueue } from './table-job-queue.js'
export { PgJobQueue } from './pg-job-queue.js'
export { jobHandler } from './run-job.js'
