import type { Publication, PublicationFields } from '../../src/model/index.js'

/** A plausible record of our own invention; override what a test is about. */
export function aRecord(overrides: Partial<PublicationFields> = {}): PublicationFields {
  return {
    type: 'op-ed',
    title: 'Why Arctic Shipping Lanes Matter for NATO',
    summary: 'Melting ice opens routes that allies have not planned for.',
    authors: [{ kind: 'person', family: 'Okonkwo', given: 'Adaeze' }],
    outlet: 'The Harbour Review',
    publishers: [],
    published: '2024-03-05',
    identifiers: {},
    topics: [],
    regions: [],
    status: 'published',
    ...overrides,
  }
}

export function aPublication(overrides: Partial<Publication> = {}): Publication {
  return {
    id: 'testrecord01',
    slug: 'test-record',
    createdAt: '2024-03-06T10:00:00.000Z',
    updatedAt: '2024-03-06T10:00:00.000Z',
    revision: 1,
    ...aRecord(),
    ...overrides,
  }
}
