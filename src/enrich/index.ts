export { analyzeText, scorerLine, type TextAnalysis } from './analyze-text.js'
export { applyCorrections, type EntityCorrection } from './corrections.js'
export {
  ENRICHER_VERSION, enrichRecord, type DatedEvent, type EnrichedField, type EntityRef, type RecordEnrichment, type RecordEntity,
} from './enrich-record.js'
export { gazetteer, nameKey, personKey, slugOf, type EntityType } from './entities/gazetteer.js'
export { findEntities, type EntityMention } from './entities/find-entities.js'
export { findTimexes, type Timex, type TimexType } from './timex/find-timexes.js'
export { valueRange, type Precision } from './timex/value-range.js'
