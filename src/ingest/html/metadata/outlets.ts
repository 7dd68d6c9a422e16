/**
 * Outlets by domain, for pages that do not name their site. Policy experts publish in a
 * fairly small set of places; a page's own og:site_name or publisher wins over this table.
 */
const OUTLETS: Record<string, string> = {
  'thediplomat.com': 'The Diplomat',
  'washingtonpost.com': 'The Washington Post',
  'nytimes.com': 'The New York Times',
  'wsj.com': 'The Wall Street Journal',
  'ft.com': 'Financial Times',
  'economist.com': 'The Economist',
  'theguardian.com': 'The Guardian',
  'theatlantic.com': 'The Atlantic',
  'foreignaffairs.com': 'Foreign Affairs',
  'foreignpolicy.com': 'Foreign Policy',
  'nationalinterest.org': 'The National Interest',
  'warontherocks.com': 'War on the Rocks',
  'lawfaremedia.org': 'Lawfare',
  'lawfareblog.com': 'Lawfare',
  'project-syndicate.org': 'Project Syndicate',
  'politico.com': 'Politico',
  'politico.eu': 'Politico Europe',
  'thehill.com': 'The Hill',
  'bloomberg.com': 'Bloomberg',
  'reuters.com': 'Reuters',
  'apnews.com': 'Associated Press',
  'cnn.com': 'CNN',
  'bbc.com': 'BBC',
  'bbc.co.uk': 'BBC',
  'npr.org': 'NPR',
  'latimes.com': 'Los Angeles Times',
  'usatoday.com': 'USA Today',
  'bostonglobe.com': 'The Boston Globe',
  'axios.com': 'Axios',
  'vox.com': 'Vox',
  'time.com': 'Time',
  'newsweek.com': 'Newsweek',
  'japantimes.co.jp': 'The Japan Times',
  'asia.nikkei.com': 'Nikkei Asia',
  'scmp.com': 'South China Morning Post',
  'straitstimes.com': 'The Straits Times',
  'aljazeera.com': 'Al Jazeera',
  'spiegel.de': 'Der Spiegel',
  'zeit.de': 'Die Zeit',
  'faz.net': 'Frankfurter Allgemeine Zeitung',
  'sueddeutsche.de': 'Süddeutsche Zeitung',
  'lemonde.fr': 'Le Monde',
  'nature.com': 'Nature',
  'science.org': 'Science',
  'thebulletin.org': 'Bulletin of the Atomic Scientists',
  'brookings.edu': 'Brookings Institution',
  'belfercenter.org': 'Belfer Center for Science and International Affairs',
  'cfr.org': 'Council on Foreign Relations',
  'csis.org': 'Center for Strategic and International Studies',
  'rand.org': 'RAND Corporation',
  'carnegieendowment.org': 'Carnegie Endowment for International Peace',
  'chathamhouse.org': 'Chatham House',
}

export function outletFromDomain(url: string | undefined): string | undefined {
  if (!url) return undefined
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, '')
  } catch {
    return undefined
  }
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    if (OUTLETS[h]) return OUTLETS[h]
  }
  return undefined
}
