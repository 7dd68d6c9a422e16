export { parseFeed, type FeedEntry, type ParsedFeed } from './parse-feed.js'
export { looksLikeFeed } from './looks-like-feed.js'
export { parseFeedDate } from './feed-date.js'
