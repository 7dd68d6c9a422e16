export { renderPageText } from './page-text.js'
