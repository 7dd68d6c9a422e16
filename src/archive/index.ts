export { Archive, EXPORT_FORMATS, type ArchiveDeps, type IngestOptions, type IngestProgress, type ExportFormat, type ImportOptions, type ImportOutcome, type ImportStatus } from './archive.js'
export { CITATION_FORMATS, isCitationFormat, type CitationFormat } from '../cite/index.js'
export type { Source, SourceItem } from '../ingest/index.js'
export type { Extracted, IngestInput, PageFetcher } from './web-ingest.js'
