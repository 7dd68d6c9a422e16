/**
 * People's names from China, Korea and Japan written in their own order, family name first (or
 * either way, for Japanese in English texts): "Xi Jinping", "Yoon Suk Yeol", "Kishida Fumio".
 * Without a title before them nothing else marks these words as a name: a list of the
 * commonest family names and the shape of the other words (pinyin, romaji) do.
 */

/** The commonest Chinese family names in pinyin (those that are also English words, "He", "Long", "Fan", left out). */
const CHINESE_SURNAMES = new Set(('Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Gao Luo Zheng Liang Xie Song Tang '
  + 'Han Deng Feng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Xi Cui Zhong Tan '
  + 'Jin Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Hou Yin Xue Yan Duan Lei Shao Qian Mao Hao Kong Kang Wen Yi Qi Hua Ning').split(' '))
// a syllable: an initial and a final, a bare "o" only after b, p, m, f, w and y, and a bare "e" not after b, p, f, j, q, x, w
const PINYIN_SYLLABLE = '(?:[bpmfwy]o|(?:zh|ch|sh|[dtnlgkhrzcsmy])?e|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|a|i|u|ü))'
/** A given name of one or two pinyin syllables written as one word: "Jinping", "Qiang", "Jianghao". */
const PINYIN_GIVEN = new RegExp(`^(?=\\p{Lu})(?:${PINYIN_SYLLABLE}){1,2}$`, 'iu')

/** Common Korean family names, as romanised. */
const KOREAN_SURNAMES = new Set('Kim Lee Park Choi Jung Jeong Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon Son Bae Baek Nam Noh Roh Chung Ban'.split(' '))
/** One syllable of a Korean given name written apart: "Suk", "Yeol", "Chung". */
const KOREAN_SYLLABLE = /^\p{Lu}\p{Ll}{1,4}$/u

/** Common Japanese family names in Hepburn romaji, and those of the politicians a centre names most. */
const JAPANESE_SURNAMES = new Set(('Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki '
  + 'Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Yamashita Ishikawa Nakajima Maeda Fujita '
  + 'Ogawa Goto Okada Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo Aoki Fujii Nishimura Fukuda Ota Miura Fujiwara Okamoto '
  + 'Matsuda Nakagawa Nakano Harada Ono Tamura Takeuchi Kaneko Wada Nakayama Ishida Ueda Morita Hara Shibata Sakai Kudo Yokoyama '
  + 'Miyazaki Miyamoto Uchida Takagi Ando Taniguchi Maruyama Imai Takada Fujimoto Takeda Murata Ueno Sugiyama Masuda Sugawara '
  + 'Hirano Otsuka Chiba Kubo Matsui Iwasaki Sakurai Kinoshita Noguchi Matsuo Nomura Kikuchi Sano Onishi Sugimoto Arai Kishida '
  + 'Suga Ishiba Kono Motegi Takaichi Koizumi Hamada Kamikawa Aso Nikai Noda Hatoyama Kan Edano Matsuno Kihara '
  + 'Iwaya Nakatani Akazawa Hagiuda Kishi Ozawa Kuroda Shiozaki').split(' '))
/** A word that reads as Hepburn romaji: consonant-vowel syllables, a syllable-final n, doubled consonants, long vowels marked or not. */
const ROMAJI = /^(?=\p{Lu})(?:(?:[kgsztdnhbpmyrwf]|sh|ch|ts|j|ky|gy|ny|hy|by|py|my|ry|kk|ss|tt|pp|tch|ssh)?[aiueoāīūēō]|n(?![aiueoy]))+$/iu

export interface NameWordChecks {
  /** The text writes this word in small letters too: a word, then, not a name. */
  isWord(word: string): boolean
  /** A head word of an organisation's or a place's name ("Park" only counts when it is no family name). */
  isHead(word: string): boolean
  /** A place known well enough to outweigh a romaji reading ("Osaka" in "Osaka Castle"). */
  isPlace(word: string): boolean
}

/**
 * Whether two or three capitalised words read as a Chinese name in pinyin ("Xi Jinping"), a
 * Korean one with its given name in two words ("Yoon Suk Yeol"), or a Japanese one in either
 * order ("Kishida Fumio", "Sanae Takaichi").
 */
export function readsAsEastAsianName(words: string[], checks: NameWordChecks): boolean {
  const plain = (w: string) => !checks.isWord(w)
  if (words.length === 2 && CHINESE_SURNAMES.has(words[0]!)) {
    if (PINYIN_GIVEN.test(words[1]!) && plain(words[1]!) && !words.some(checks.isHead)) return true
  }
  if (words.length === 3 && KOREAN_SURNAMES.has(words[0]!)) {
    const given = words.slice(1)
    if (given.every((w) => KOREAN_SYLLABLE.test(w) && plain(w)) && !given.some(checks.isHead)) return true
  }
  return words.length === 2 && words.some((w) => JAPANESE_SURNAMES.has(w)) && words.every((w) => ROMAJI.test(w) && plain(w))
    && !words.some(checks.isHead) && !words.some(checks.isPlace)
}
