/**
 * The publication types a policy research center uses, in the words it uses for them.
 * `id` is stored; `label` is what pages print ("Analysis & Opinions - The Diplomat").
 */
export const PUBLICATION_TYPES = [
  { id: 'analysis-opinions', label: 'Analysis & Opinions', aliases: ['analysis and opinions', 'analysis & opinion', 'analysis'] },
  { id: 'op-ed', label: 'Op-Ed', aliases: ['oped', 'op ed', 'opinion', 'commentary'] },
  { id: 'journal-article', label: 'Journal Article', aliases: ['article', 'scholarly article', 'peer-reviewed article'] },
  { id: 'report', label: 'Report', aliases: ['research report', 'technical report'] },
  { id: 'policy-brief', label: 'Policy Brief', aliases: ['brief', 'issue brief'] },
  { id: 'working-paper', label: 'Working Paper', aliases: ['discussion paper'] },
  { id: 'testimony', label: 'Testimony', aliases: ['congressional testimony'] },
  { id: 'speech', label: 'Speech', aliases: ['remarks', 'lecture'] },
  { id: 'book', label: 'Book', aliases: [] },
  { id: 'book-chapter', label: 'Book Chapter', aliases: ['chapter'] },
  { id: 'newspaper-article', label: 'Newspaper Article', aliases: ['news article', 'news'] },
  { id: 'magazine-article', label: 'Magazine Article', aliases: [] },
  { id: 'blog-post', label: 'Blog Post', aliases: ['blog'] },
  { id: 'podcast', label: 'Podcast', aliases: ['audio'] },
  { id: 'video', label: 'Video', aliases: [] },
  { id: 'other', label: 'Other', aliases: [] },
] as const

export type PublicationTypeId = (typeof PUBLICATION_TYPES)[number]['id']

export const PUBLICATION_TYPE_IDS = PUBLICATION_TYPES.map((t) => t.id) as [PublicationTypeId, ...PublicationTypeId[]]

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

const BY_NAME = new Map<string, PublicationTypeId>()
for (const t of PUBLICATION_TYPES) {
  for (const name of [t.id, t.label, ...t.aliases]) BY_NAME.set(fold(name), t.id)
}

/** Finds a type by id, label or a common alias, ignoring case; undefined when unknown. */
export function findPublicationType(name: string): PublicationTypeId | undefined {
  return BY_NAME.get(fold(name))
}

export function publicationTypeLabel(id: PublicationTypeId): string {
  return PUBLICATION_TYPES.find((t) => t.id === id)?.label ?? id
}
