import { parse as parseCslName } from '@citation-js/name'

/**
 * A person credited on a publication. `particle` holds a name particle that sorts with the
 * family name ("van der" in "Jan van der Berg"); `familyFirst` marks names written family name
 * first, as Japanese, Chinese and Korean names are ("Kishida Fumio"), so citations keep that
 * order instead of inverting it.
 */
export interface Person {
  kind: 'person'
  family: string
  given?: string
  particle?: string
  suffix?: string
  familyFirst?: boolean
}

/** An institution credited as author ("Belfer Center for Science and International Affairs"). */
export interface Organization {
  kind: 'organization'
  name: string
}

export type Contributor = Person | Organization

const SUFFIX = /,?\s+(Jr\.?|Sr\.?|II|III|IV|V)$/

function withoutEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as T
}

/** Reads a name written in display order: "Mina Pollmann", "Jan van der Berg", "Martin Luther King Jr.". */
export function parsePersonName(text: string): Person {
  let rest = text.trim().replace(/\s+/g, ' ')
  let suffix: string | undefined
  const m = SUFFIX.exec(rest)
  if (m && rest.slice(0, m.index).includes(' ')) {
    suffix = m[1]
    rest = rest.slice(0, m.index)
  }
  if (!rest.includes(' ')) return withoutEmpty({ kind: 'person', family: rest, suffix })
  const parsed = parseCslName(rest) as Record<string, string | undefined>
  return withoutEmpty({
    kind: 'person',
    family: parsed.family ?? rest,
    given: parsed.given,
    particle: parsed['non-dropping-particle'] ?? parsed['dropping-particle'],
    suffix: suffix ?? parsed.suffix,
  })
}

/** Reads a name written family name first with a comma, as bibliographies do: "Pollmann, Mina". */
export function parseInvertedName(text: string): Person {
  const [familyPart = '', givenPart = '', suffixPart] = text.split(',').map((s) => s.trim())
  const particleMatch = /^((?:(?:van|von|der|den|de|la|le|du|da|di|del|della|dos|das|ter|ten|bin|al|el)\s+)+)(.+)$/i.exec(familyPart)
  const startsLower = particleMatch && /^[a-z]/.test(familyPart)
  return withoutEmpty({
    kind: 'person',
    family: startsLower ? particleMatch[2]! : familyPart,
    particle: startsLower ? particleMatch[1]!.trim() : undefined,
    given: givenPart || undefined,
    suffix: suffixPart || undefined,
  })
}

/** The name as a reader sees it in a byline. */
export function displayName(c: Contributor): string {
  if (c.kind === 'organization') return c.name
  const family = [c.particle, c.family].filter(Boolean).join(' ')
  const parts = c.familyFirst ? [family, c.given] : [c.given, family]
  const name = parts.filter(Boolean).join(' ')
  return c.suffix ? `${name} ${c.suffix}` : name
}
