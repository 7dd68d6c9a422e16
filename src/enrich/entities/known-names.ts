/**
 * Lists we keep ourselves, for what no data package covers well: the organisations,
 * regions and places a policy archive names most, their aliases, and the words that
 * tell a name's kind (titles before people, heads of organisation and place names).
 * Countries and cities come from data packages (see gazetteer.ts).
 */

export interface KnownEntity {
  name: string
  type: 'PERSON' | 'ORG' | 'LOC'
  aliases: string[]
  /** ISO 3166-1 alpha-2, for countries and the places mapped to one. */
  country?: string
  /** The entry is the country itself (its identity is then country:CODE). */
  isCountry?: boolean
}

const org = (name: string, ...aliases: string[]): KnownEntity => ({ name, type: 'ORG', aliases })
const place = (name: string, aliases: string[] = [], country?: string): KnownEntity => ({
  name, type: 'LOC', aliases, ...(country ? { country } : {}),
})
const country = (name: string, aliases: string[], code: string): KnownEntity => ({ name, type: 'LOC', aliases, country: code, isCountry: true })

export const KNOWN_ORGANISATIONS: KnownEntity[] = [
  org('Group of Seven', 'G-7', 'G7', 'G 7'),
  org('Group of Twenty', 'G-20', 'G20'),
  org('Group of Eight', 'G-8', 'G8'),
  org('United Nations', 'UN', 'U.N.', 'the UN', 'the United Nations'),
  org('UN Security Council', 'Security Council', 'United Nations Security Council', 'UNSC'),
  org('UN General Assembly', 'General Assembly', 'United Nations General Assembly', 'UNGA'),
  org('North Atlantic Treaty Organization', 'NATO', 'Nato', 'North Atlantic Treaty Organisation'),
  org('European Union', 'EU', 'E.U.'),
  org('European Commission'), org('European Parliament'), org('European Central Bank', 'ECB'),
  org('Association of Southeast Asian Nations', 'ASEAN'),
  org('Trans-Pacific Partnership', 'TPP'),
  org('Comprehensive and Progressive Agreement for Trans-Pacific Partnership', 'CPTPP'),
  org('Quad', 'Quadrilateral Security Dialogue'),
  org('AUKUS'),
  org('Shanghai Cooperation Organisation', 'SCO', 'Shanghai Cooperation Organization'),
  org('BRICS'), org('OPEC', 'Organization of the Petroleum Exporting Countries'),
  org('World Trade Organization', 'WTO', 'World Trade Organisation'),
  org('International Monetary Fund', 'IMF'),
  org('World Bank'), org('World Health Organization', 'WHO', 'World Health Organisation'),
  org('International Atomic Energy Agency', 'IAEA'),
  org('Organisation for Economic Co-operation and Development', 'OECD', 'Organization for Economic Cooperation and Development'),
  org('African Union', 'AU'), org('Arab League'), org('Gulf Cooperation Council', 'GCC'),
  org('Asia-Pacific Economic Cooperation', 'APEC'), org('Asian Development Bank', 'ADB'),
  org('International Criminal Court', 'ICC'), org('International Court of Justice', 'ICJ'),
  org('Red Cross', 'International Committee of the Red Cross', 'ICRC'),
  org('Amnesty International'), org('Human Rights Watch'), org('Greenpeace'),
  org('Federal Reserve', 'the Fed', 'Fed', 'US Federal Reserve'),
  org('Bank of Japan', 'BOJ', 'BoJ'), org('Bank of England', 'BoE'),
  org('Congress', 'US Congress', 'U.S. Congress'), org('Senate', 'US Senate', 'U.S. Senate'),
  org('House of Representatives'), org('Pentagon', 'the Pentagon'), org('White House', 'the White House'),
  org('State Department', 'Department of State', 'US State Department'),
  org('Department of Defense', 'Defense Department', 'DoD'),
  org('Central Intelligence Agency', 'CIA'), org('Federal Bureau of Investigation', 'FBI'),
  org('National Security Agency', 'NSA'), org('National Security Council', 'NSC'),
  org('NASA'), org('Environmental Protection Agency', 'EPA'),
  org('Securities and Exchange Commission', 'SEC'), org('Federal Aviation Administration', 'FAA'),
  org('Centers for Disease Control and Prevention', 'CDC'), org('Food and Drug Administration', 'FDA'),
  org('Kremlin', 'the Kremlin'), org('Duma', 'State Duma'),
  org('Chinese Communist Party', 'Communist Party of China', 'CCP', 'CPC'),
  org("People's Liberation Army", 'PLA'), org('Liberal Democratic Party', 'LDP'),
  org('Democratic Party', 'Democrats'), org('Republican Party', 'GOP', 'Republicans'),
  org('Labour Party', 'Labour'), org('Conservative Party', 'Tories'),
  org('Hamas'), org('Hezbollah'), org('Taliban', 'the Taliban'), org('Islamic State', 'ISIS', 'ISIL', 'Daesh'),
  org('al-Qaeda', 'al Qaeda', 'Al-Qaeda', 'Al Qaeda', 'al-Qaida'), org('Houthis'),
  org('MI6', 'Secret Intelligence Service'), org('MI5'), org('GCHQ'), org('Mossad'), org('Shin Bet', 'Shabak'),
  org('Élysée', 'Elysee', 'Élysée Palace', 'Elysee Palace'), org("Quai d'Orsay"),
  org('Japan Self-Defense Forces', 'Self-Defense Forces', 'SDF', 'JSDF'),
  org('Harvard Kennedy School', 'Kennedy School', 'HKS'),
  org('Belfer Center for Science and International Affairs', 'Belfer Center'),
  org('Harvard University', 'Harvard'), org('Yale University', 'Yale'), org('Stanford University', 'Stanford'),
  org('Princeton University', 'Princeton'), org('Oxford University', 'University of Oxford', 'Oxford'),
  org('Cambridge University', 'University of Cambridge'), org('Massachusetts Institute of Technology', 'MIT'),
  org('Brookings Institution', 'Brookings'), org('RAND Corporation', 'RAND'),
  org('Council on Foreign Relations', 'CFR'), org('Carnegie Endowment for International Peace', 'Carnegie Endowment'),
  org('Center for Strategic and International Studies', 'CSIS'), org('Chatham House'),
  org('The Diplomat', 'Diplomat'), org('Foreign Affairs'), org('Foreign Policy'),
  org('The New York Times', 'New York Times', 'NYT'), org('The Washington Post', 'Washington Post'),
  org('The Wall Street Journal', 'Wall Street Journal', 'WSJ'), org('Financial Times', 'FT'),
  org('The Economist', 'Economist'), org('Reuters'), org('Associated Press', 'AP'), org('Bloomberg'),
  org('BBC', 'British Broadcasting Corporation'), org('CNN'), org('Al Jazeera'), org('Xinhua'), org('Kyodo', 'Kyodo News'),
  org('Agence France-Presse', 'AFP'), org('Wikinews'), org('Wikipedia'), org('Wikimedia Foundation'),
  org('Apple', 'Apple Inc.', 'Apple Computer'), org('Microsoft'), org('Google'), org('Alphabet'), org('Amazon'),
  org('Meta', 'Meta Platforms'), org('Facebook'), org('Twitter'), org('YouTube'), org('Instagram'), org('TikTok'),
  org('ByteDance'), org('Huawei'), org('ZTE'), org('Alibaba'), org('Tencent'), org('Baidu'), org('Samsung'),
  org('Sony'), org('Toyota'), org('Honda'), org('Nissan'), org('Hyundai'), org('TSMC', 'Taiwan Semiconductor Manufacturing Company'),
  org('Intel'), org('Nvidia'), org('IBM'), org('Oracle'), org('OpenAI'), org('Tesla'), org('SpaceX'),
  org('General Motors', 'GM'), org('General Electric', 'GE'), org('General Dynamics'), org('Ford', 'Ford Motor Company'), org('Chrysler'), org('Fiat'), org('Volkswagen', 'VW'),
  org('Boeing'), org('Airbus'), org('Lockheed Martin', 'Lockheed'), org('Northrop Grumman', 'Northrop'), org('Raytheon'),
  org('BP'), org('Shell'), org('ExxonMobil', 'Exxon'), org('Chevron'), org('Gazprom'), org('Rosneft'), org('Aramco', 'Saudi Aramco'),
  org('Goldman Sachs', 'Goldman'), org('JPMorgan', 'JPMorgan Chase', 'JP Morgan'), org('Morgan Stanley'), org('Citigroup', 'Citi'),
  org('HSBC'), org('Deutsche Bank'), org('Lehman Brothers'), org('Merrill Lynch'), org('Bank of America'),
  org('Walmart'), org('Netflix'), org('Disney'), org('Starbucks'), org('McDonald\'s'), org('Coca-Cola'),
  org('Nasdaq', 'NASDAQ'), org('New York Stock Exchange', 'NYSE'), org('Dow Jones & Company'),
  org('Scientology', 'Church of Scientology'),
  org('Opel'), org('BMW'), org('Daimler'), org('Renault'), org('Peugeot'), org('Kia'), org('Michelin'),
  org('EADS'), org('McDonnell Douglas'), org('Embraer'), org('Bombardier'), org('Qualcomm'),
  org('Lufthansa'), org('Air France'), org('KLM'), org('Ryanair'), org('easyJet'), org('Qatar Airways'), org('Singapore Airlines'),
  org('Delta Air Lines'), org('United Airlines'), org('American Airlines'), org('JetBlue'), org('AirTran Airways', 'AirTran'), org('Greyhound Lines', 'Greyhound'),
  org('Barclays'), org('UBS'), org('Credit Suisse'), org('Nokia'), org('Ericsson'), org('Siemens'), org('Philips'),
  org('The Beatles', 'Beatles'), org('Eurogroup', 'the Eurogroup'), org('United Auto Workers', 'UAW'),
  org('UNESCO'), org('UNICEF'), org('UNHCR', 'UN Refugee Agency'), org('Oxfam'), org('Doctors Without Borders', 'Médecins Sans Frontières', 'MSF'),
  org('The Guardian', 'Guardian'), org('The Daily Telegraph', 'The Telegraph', 'Daily Telegraph'), org('Le Monde'), org('Der Spiegel', 'Spiegel'),
  org('NPR', 'National Public Radio'), org('PBS'), org('Fox News'), org('CBC', 'Canadian Broadcasting Corporation'), org('Politico'), org('Axios'),
  org('Smithsonian Institution', 'Smithsonian'), org('Sorbonne', 'the Sorbonne'), org('Interpol'), org('FIFA'),
]

const person = (name: string, ...aliases: string[]): KnownEntity => ({ name, type: 'PERSON', aliases })

/**
 * People a policy archive names over and over, so that "Biden", "Joe Biden" and "President
 * Biden" are one entry across the archive, and so that a name no first-name list holds
 * ("Barack Obama") is still found. A surname stands alone as an alias only where it is no
 * common word, place or first name: "Bush", "Clinton", "Darwin", "May" and "Obama" (a town in
 * Japan) are left to the text, which ties them to the full name it uses.
 */
export const KNOWN_PEOPLE: KnownEntity[] = [
  // heads of state and government, and those who served beside them
  person('Franklin D. Roosevelt', 'Franklin Roosevelt', 'FDR'), person('Harry S. Truman', 'Harry Truman', 'Truman'),
  person('Dwight D. Eisenhower', 'Dwight Eisenhower', 'Eisenhower'), person('John F. Kennedy', 'JFK'),
  person('Lyndon B. Johnson', 'Lyndon Johnson', 'LBJ'), person('Richard Nixon', 'Nixon'), person('Gerald Ford'),
  person('Jimmy Carter'), person('Ronald Reagan', 'Reagan'), person('George H. W. Bush', 'George H.W. Bush'),
  person('Bill Clinton'), person('George W. Bush'), person('Barack Obama'), person('Donald Trump'),
  person('Joe Biden', 'Biden'), person('Kamala Harris'), person('Dick Cheney', 'Cheney'), person('Hillary Clinton', 'Hillary Rodham Clinton'),
  person('Henry Kissinger', 'Kissinger'), person('Condoleezza Rice'), person('Colin Powell'), person('Donald Rumsfeld', 'Rumsfeld'),
  person('John Kerry'), person('Antony Blinken', 'Blinken'), person('Mike Pompeo', 'Pompeo'), person('Nancy Pelosi', 'Pelosi'),
  person('Mitch McConnell', 'McConnell'), person('John McCain', 'McCain'), person('Mitt Romney', 'Romney'), person('Sarah Palin'),
  person('Ben Bernanke', 'Bernanke'), person('Alan Greenspan', 'Greenspan'), person('Janet Yellen', 'Yellen'), person('Jerome Powell'),
  person('Henry Paulson', 'Hank Paulson', 'Paulson'), person('Timothy Geithner', 'Tim Geithner', 'Geithner'),
  person('Margaret Thatcher', 'Thatcher'), person('Tony Blair'), person('Gordon Brown'), person('David Cameron'), person('Theresa May'),
  person('Boris Johnson'), person('Rishi Sunak', 'Sunak'), person('Keir Starmer', 'Starmer'),
  person('Angela Merkel', 'Merkel'), person('Olaf Scholz', 'Scholz'), person('Emmanuel Macron', 'Macron'), person('Nicolas Sarkozy', 'Sarkozy'),
  person('François Hollande'), person('Silvio Berlusconi', 'Berlusconi'), person('Mario Draghi', 'Draghi'), person('Giorgia Meloni', 'Meloni'),
  person('Justin Trudeau', 'Trudeau'), person('Stephen Harper'), person('Vladimir Putin', 'Putin'), person('Dmitry Medvedev', 'Medvedev'),
  person('Mikhail Gorbachev', 'Gorbachev'), person('Boris Yeltsin', 'Yeltsin'), person('Volodymyr Zelenskyy', 'Volodymyr Zelensky', 'Zelenskyy', 'Zelensky'),
  person('Xi Jinping'), person('Hu Jintao'), person('Li Keqiang'), person('Deng Xiaoping'), person('Mao Zedong', 'Mao Tse-tung'),
  person('Kim Jong-un', 'Kim Jong Un'), person('Kim Jong-il', 'Kim Jong Il'), person('Moon Jae-in'), person('Yoon Suk Yeol'),
  person('Shinzo Abe', 'Abe Shinzo'), person('Narendra Modi', 'Modi'), person('Imran Khan'),
  person('Recep Tayyip Erdoğan', 'Recep Tayyip Erdogan', 'Erdoğan', 'Erdogan'), person('Benjamin Netanyahu', 'Netanyahu'),
  person('Ali Khamenei', 'Khamenei'), person('Mahmoud Ahmadinejad', 'Ahmadinejad'), person('Hassan Rouhani', 'Rouhani'),
  person('Bashar al-Assad', 'Assad'), person('Muammar Gaddafi', 'Gaddafi', 'Qaddafi'), person('Hosni Mubarak', 'Mubarak'),
  person('Saddam Hussein'), person('Osama bin Laden', 'bin Laden'), person('Nelson Mandela', 'Mandela'), person('Jacob Zuma'),
  person('Cyril Ramaphosa', 'Ramaphosa'), person('Luiz Inácio Lula da Silva', 'Lula da Silva', 'Lula'), person('Jair Bolsonaro', 'Bolsonaro'),
  person('Hugo Chávez', 'Hugo Chavez'), person('Nicolás Maduro', 'Nicolas Maduro', 'Maduro'), person('Fidel Castro'),
  person('Kofi Annan'), person('Ban Ki-moon'), person('António Guterres', 'Antonio Guterres', 'Guterres'), person('Christine Lagarde', 'Lagarde'),
  person('Jens Stoltenberg', 'Stoltenberg'), person('Ursula von der Leyen'),
  // figures of history, faith and myth the texts name by one word
  person('Winston Churchill', 'Churchill'), person('Joseph Stalin', 'Stalin'), person('Vladimir Lenin', 'Lenin'), person('Adolf Hitler', 'Hitler'),
  person('Benito Mussolini', 'Mussolini'), person('Napoleon Bonaparte', 'Napoleon'), person('Mahatma Gandhi', 'Gandhi'),
  person('Abraham Lincoln'), person('George Washington'), person('Albert Einstein', 'Einstein'), person('Charles Darwin'),
  person('William Shakespeare', 'Shakespeare'), person('Karl Marx'), person('Confucius'), person('Jesus', 'Jesus Christ', 'Christ'),
  person('Muhammad', 'Prophet Muhammad'), person('Moses'), person('Buddha', 'Gautama Buddha'), person('Homer'), person('Virgil', 'Vergil'),
  person('Hannibal'), person('Cleopatra'), person('Alexander the Great'), person('Julius Caesar'),
  // not Apollo, Artemis or Hermes: programmes and brands as often as gods
  person('Zeus'), person('Hera'), person('Poseidon'), person('Aphrodite'), person('Athena'), person('Dionysus'), person('Achilles'),
]

export const KNOWN_PLACES: KnownEntity[] = [
  country('United States', ['U.S.', 'US', 'U.S.A.', 'USA', 'America', 'United States of America', 'the United States', 'the States'], 'US'),
  country('United Kingdom', ['UK', 'U.K.', 'Britain', 'Great Britain', 'the United Kingdom'], 'GB'),
  country('China', ["People's Republic of China", 'PRC', 'Mainland China', 'mainland China'], 'CN'),
  country('Taiwan', ['Republic of China', 'ROC'], 'TW'),
  country('South Korea', ['Republic of Korea', 'ROK', 'Korea'], 'KR'),
  country('North Korea', ["Democratic People's Republic of Korea", 'DPRK'], 'KP'),
  country('Russia', ['Russian Federation'], 'RU'),
  country('Iran', ['Islamic Republic of Iran'], 'IR'),
  country('Vietnam', ['Viet Nam'], 'VN'),
  country('Syria', ['Syrian Arab Republic'], 'SY'),
  country('Czech Republic', ['Czechia'], 'CZ'),
  country('United Arab Emirates', ['UAE', 'U.A.E.', 'the Emirates'], 'AE'),
  country('Netherlands', ['Holland', 'the Netherlands'], 'NL'),
  country('Ivory Coast', ["Côte d'Ivoire", "Cote d'Ivoire"], 'CI'),
  country('Myanmar', ['Burma'], 'MM'),
  country('Palestine', ['Palestinian territories', 'State of Palestine'], 'PS'),
  place('Senkaku Islands', ['Senkaku', 'Senkakus', 'Diaoyu Islands', 'Diaoyu', 'Diaoyutai', 'Senkaku / Diaoyu Islands', 'Senkaku/Diaoyu Islands'], 'JP'),
  place('Kuril Islands', ['Kurils', 'Kuriles', 'Northern Territories'], 'RU'),
  place('South China Sea'), place('East China Sea'), place('Sea of Japan', ['East Sea']),
  place('Taiwan Strait', ['Taiwan Straits', 'Strait of Taiwan']), place('Korean Peninsula'),
  place('Indo-Pacific', ['Indo Pacific']), place('Asia-Pacific', ['Asia Pacific']),
  place('Middle East', ['the Middle East', 'Mideast']), place('Near East'), place('Far East'),
  place('Southeast Asia', ['South-East Asia', 'South East Asia']), place('South Asia'), place('East Asia'),
  place('Central Asia'), place('Northeast Asia'), place('Asia'), place('Europe'), place('Africa'),
  place('Sub-Saharan Africa'), place('North Africa'), place('West Africa'), place('East Africa'),
  place('Latin America'), place('South America'), place('North America'), place('Central America'),
  place('Caribbean', ['the Caribbean']), place('Eastern Europe'), place('Western Europe'), place('Central Europe'),
  place('Balkans', ['the Balkans']), place('Baltic', ['the Baltics', 'Baltic states']), place('Scandinavia'),
  place('Arctic', ['the Arctic']), place('Antarctica', ['Antarctic']), place('Oceania'), place('Pacific', ['the Pacific', 'Pacific Ocean']),
  place('Atlantic', ['the Atlantic', 'Atlantic Ocean']), place('Indian Ocean'), place('Mediterranean', ['the Mediterranean', 'Mediterranean Sea']),
  place('Persian Gulf', ['the Gulf', 'Arabian Gulf']), place('Red Sea'), place('Black Sea'), place('Baltic Sea'),
  place('Gaza', ['Gaza Strip'], 'PS'), place('West Bank', [], 'PS'), place('Crimea', [], 'UA'), place('Donbas', ['Donbass'], 'UA'),
  place('Kashmir'), place('Tibet', [], 'CN'), place('Xinjiang', [], 'CN'), place('Hong Kong', [], 'HK'), place('Macau', ['Macao'], 'MO'),
  place('Okinawa', [], 'JP'), place('Hiroshima', [], 'JP'), place('Nagasaki', [], 'JP'), place('Tokyo', [], 'JP'),
  place('Washington', ['Washington, D.C.', 'Washington D.C.', 'Washington DC'], 'US'), place('District of Columbia', ['D.C.'], 'US'),
  place('New York', ['New York City', 'NYC'], 'US'), place('Los Angeles', ['LA'], 'US'), place('San Francisco', [], 'US'),
  place('Soviet Union', ['USSR', 'U.S.S.R.', 'the Soviet Union']), place('Yugoslavia'), place('Czechoslovakia'),
  place('East Germany'), place('West Germany'), place('Beijing', ['Peking'], 'CN'), place('Moscow', [], 'RU'),
  place('Brussels', [], 'BE'), place('Seoul', [], 'KR'), place('Pyongyang', [], 'KP'), place('Taipei', [], 'TW'),
  place('Kyiv', ['Kiev'], 'UA'), place('London', [], 'GB'), place('Paris', [], 'FR'), place('Berlin', [], 'DE'),
  place('Silicon Valley', [], 'US'), place('Wall Street', [], 'US'), place('Capitol Hill', [], 'US'),
  place('Scotland', [], 'GB'), place('England', [], 'GB'), place('Wales', [], 'GB'), place('Northern Ireland', [], 'GB'),
  ...regions('CA', 'Ontario', 'Quebec', 'British Columbia', 'Alberta', 'Manitoba', 'Saskatchewan', 'Nova Scotia', 'New Brunswick',
    'Newfoundland and Labrador', 'Prince Edward Island', 'Yukon', 'Northwest Territories', 'Nunavut'),
  ...regions('AU', 'New South Wales', 'Queensland', 'South Australia', 'Western Australia', 'Tasmania', 'Northern Territory',
    'Australian Capital Territory'),
  ...regions('CN', 'Guangdong', 'Fujian', 'Zhejiang', 'Jiangsu', 'Shandong', 'Sichuan', 'Yunnan', 'Hubei', 'Hunan', 'Henan',
    'Hebei', 'Shanxi', 'Shaanxi', 'Gansu', 'Qinghai', 'Guizhou', 'Guangxi', 'Hainan', 'Jilin', 'Liaoning', 'Heilongjiang',
    'Inner Mongolia', 'Ningxia', 'Anhui', 'Jiangxi'),
  ...regions('IN', 'Kerala', 'Tamil Nadu', 'Karnataka', 'Maharashtra', 'Gujarat', 'Rajasthan', 'Uttar Pradesh', 'Bihar',
    'West Bengal', 'Assam', 'Odisha', 'Telangana', 'Andhra Pradesh', 'Madhya Pradesh', 'Haryana', 'Jharkhand', 'Chhattisgarh',
    'Uttarakhand', 'Himachal Pradesh', 'Manipur', 'Mizoram', 'Nagaland', 'Tripura', 'Meghalaya', 'Sikkim', 'Arunachal Pradesh'),
  ...regions('DE', 'Bavaria', 'Saxony', 'Thuringia', 'Brandenburg', 'Lower Saxony', 'North Rhine-Westphalia', 'Baden-Württemberg',
    'Rhineland-Palatinate', 'Saarland', 'Schleswig-Holstein', 'Mecklenburg-Vorpommern', 'Saxony-Anhalt'),
  ...regions('IT', 'Tuscany', 'Lombardy', 'Sicily', 'Sardinia', 'Piedmont', 'Veneto', 'Campania', 'Calabria', 'Apulia', 'Liguria',
    'Umbria', 'Emilia-Romagna', 'Friuli-Venezia Giulia', 'Trentino-Alto Adige', 'Abruzzo', 'Basilicata', 'Molise', 'Aosta Valley'),
  ...regions('ES', 'Catalonia', 'Andalusia', 'Basque Country', 'Galicia', 'Castile and León', 'Castilla-La Mancha', 'Valencian Community',
    'Aragon', 'Extremadura', 'Asturias', 'Cantabria', 'Navarre', 'Balearic Islands', 'Canary Islands'),
  ...regions('JP', 'Hokkaido', 'Honshu', 'Kyushu', 'Shikoku'),
  ...regions('RU', 'Chechnya', 'Dagestan', 'Siberia', 'Tatarstan', 'Kaliningrad'),
  ...regions('PK', 'Balochistan', 'Khyber Pakhtunkhwa', 'Sindh'),
  ...regions('CZ', 'Bohemia', 'Moravia'), ...regions('FR', 'Brittany', 'Normandy', 'Provence', 'Alsace', 'Corsica'),
  ...regions('BE', 'Flanders', 'Wallonia'), ...regions('RO', 'Transylvania'), ...regions('MX', 'Yucatán', 'Yucatan', 'Chiapas'),
  ...regions('SN', 'Casamance'), ...regions('ET', 'Tigray', 'Oromia'), ...regions('SD', 'Darfur'), ...regions('IN', 'Punjab', 'Jammu'),
  ...regions('YE', 'Socotra'), ...regions('AZ', 'Nagorno-Karabakh'), ...regions('MD', 'Transnistria'), ...regions('GE', 'Abkhazia', 'South Ossetia'),
  // regions of history, which the sources policy research cites still name
  place('Persia'), place('Mesopotamia'), place('Anatolia'), place('Thrace'), place('Dalmatia'), place('Pannonia'), place('Gaul'),
  place('Levant', ['the Levant']), place('Maghreb', ['the Maghreb']), place('Arabia'), place('Silesia'),
  place('Manchuria'), place('Kurdistan'), place('Bengal'), place('Sahel', ['the Sahel']), place('Horn of Africa'),
  place('Patagonia'), place('Caucasus', ['the Caucasus']), place('Indochina'), place('Polynesia'), place('Melanesia'), place('Micronesia'),
  // seas, ranges and deserts
  place('Adriatic', ['Adriatic Sea', 'the Adriatic']), place('Aegean', ['Aegean Sea', 'the Aegean']), place('Caspian Sea', ['the Caspian']),
  place('North Sea'), place('Yellow Sea'), place('Arabian Sea'), place('Sea of Okhotsk'), place('Strait of Hormuz'), place('Bosphorus'),
  place('Alps', ['the Alps']), place('Andes', ['the Andes']), place('Himalayas', ['the Himalayas']), place('Pyrenees', ['the Pyrenees']),
  place('Urals', ['Ural Mountains']), place('Sahara', ['the Sahara']), place('Gobi', ['Gobi Desert']), place('Sinai', ['Sinai Peninsula']),
  place('Golan Heights'), place('Earth'),
]

/**
 * First-level regions of the federal and large countries a centre writes about most, so that
 * "Ontario" is the province and not the Californian city of that name, and "Tuscany" is found at
 * all (the city gazetteer has none of them).
 */
function regions(code: string, ...names: string[]): KnownEntity[] {
  return names.map((name) => place(name, [], code))
}

/** Words before a name that say a person follows ("Prime Minister Kishida"). */
export const PERSON_TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'madam',
  'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen', 'representative', 'rep',
  'congressman', 'congresswoman', 'governor', 'gov', 'mayor', 'chancellor', 'premier', 'king', 'queen',
  'prince', 'princess', 'emperor', 'empress', 'pope', 'cardinal', 'bishop', 'archbishop', 'rev', 'reverend',
  'father', 'sheikh', 'ayatollah', 'imam', 'rabbi', 'general', 'gen', 'admiral', 'adm', 'colonel', 'col',
  'captain', 'capt', 'lieutenant', 'lt', 'major', 'sergeant', 'sgt', 'commander', 'judge', 'justice',
  'ambassador', 'envoy', 'chairman', 'chairwoman', 'chair', 'ceo', 'director', 'chief', 'spokesman',
  'spokeswoman', 'spokesperson', 'deputy', 'foreign', 'defense', 'defence', 'finance', 'trade', 'state',
  'attorney', 'speaker', 'leader', 'founder', 'officer', 'executive', 'administrator', 'analyst', 'economist', 'coach',
  'saint', 'st', 'dean', 'provost', 'trustee', 'councillor', 'councilman', 'councilwoman', 'minister-president',
  'crown', 'grand', 'duke', 'duchess', 'count', 'countess', 'baron', 'baroness', 'tsar', 'czar', 'sultan', 'emir',
])

/** Last words that make a name an organisation ("… Institute", "… Inc."). */
export const ORG_HEADS = new Set([
  'inc', 'inc.', 'corp', 'corp.', 'corporation', 'company', 'co', 'co.', 'ltd', 'ltd.', 'llc', 'plc', 'ag', 'sa', 'spa', 'gmbh', 'nv', 'n.v.',
  'group', 'holdings', 'partners', 'bank', 'fund', 'trust', 'capital', 'securities', 'insurance', 'investments',
  'university', 'college', 'institute', 'institution', 'academy', 'school', 'laboratory', 'laboratories', 'lab', 'labs',
  'association', 'society', 'foundation', 'federation', 'alliance', 'league', 'union', 'coalition', 'council',
  'commission', 'committee', 'board', 'bureau', 'agency', 'authority', 'office', 'service', 'services', 'department',
  'ministry', 'administration', 'government', 'parliament', 'congress', 'senate', 'assembly', 'cabinet', 'party', 'brotherhood', 'guild',
  'court', 'tribunal', 'police', 'army', 'navy', 'forces', 'force', 'guard', 'corps', 'command', 'brigade', 'regiment',
  'times', 'post', 'journal', 'news', 'press', 'herald', 'tribune', 'gazette', 'magazine', 'review', 'daily', 'weekly',
  'broadcasting', 'television', 'tv', 'radio', 'network', 'media', 'studios', 'pictures', 'records', 'entertainment', 'comics',
  'airlines', 'airways', 'aircraft', 'airplanes', 'aerospace', 'sports', 'mutual', 'motors', 'systems', 'technologies', 'technology', 'industries', 'electronics', 'pharmaceuticals',
  'energy', 'petroleum', 'oil', 'telecom', 'communications', 'software', 'solutions', 'consulting', 'research',
  'club', 'team', 'fc', 'united', 'rovers', 'giants', 'yankees', 'sox', 'pirates', 'mets', 'lakers', 'eagles',
  'motor', 'org', 'church', 'mission', 'order', 'embassy', 'consulate', 'legion', 'bulletin', 'tours', 'gaming', 'commons',
  'exchange', 'reserve', 'organization', 'organisation', 'secretariat', 'directorate', 'inspectorate', 'ngo',
  'conservatory', 'libraries', 'universiteit', 'université', 'universidad', 'universität', 'università', 'clinics',
  'hospitals', 'schools', 'colleges', 'institutes', 'associates', 'bibliotheek', 'bibliothèque', 'ventures',
  'hospital', 'clinic', 'library', 'orchestra', 'band', 'choir', 'company', 'consortium', 'cooperative',
])

/** Last words that make a name a place ("… River", "… Province"). */
export const PLACE_HEADS = new Set([
  'street', 'st.', 'road', 'rd', 'avenue', 'ave', 'boulevard', 'lane', 'drive', 'highway', 'square', 'plaza',
  'river', 'lake', 'sea', 'ocean', 'bay', 'gulf', 'strait', 'straits', 'channel', 'canal', 'creek', 'falls',
  'mountain', 'mountains', 'mount', 'hill', 'hills', 'heights', 'valley', 'canyon', 'peninsula', 'cape', 'coast',
  'island', 'islands', 'isle', 'isles', 'archipelago', 'desert', 'forest', 'park', 'reef', 'glacier', 'volcano',
  'county', 'province', 'prefecture', 'district', 'region', 'territory', 'territories', 'state', 'city', 'town',
  'village', 'borough', 'parish', 'township', 'municipality', 'oblast', 'governorate', 'republic', 'kingdom',
  'empire', 'caliphate', 'sultanate', 'khanate',
  'airport', 'station', 'port', 'harbor', 'harbour', 'bridge', 'tunnel', 'castle', 'palace', 'tower', 'cathedral',
  'temple', 'mosque', 'minster', 'abbey', 'monastery', 'basilica', 'chapel', 'gardens', 'garden', 'stadium', 'arena', 'beach',
  // buildings and sites people go to are places: "Johnson Space Center", "Museum of Flight"
  'center', 'centre', 'museum', 'hall', 'hotel', 'theater', 'theatre', 'theaters', 'theatres', 'building', 'mall', 'base',
  'quarter', 'downtown', 'basin', 'plateau', 'plain', 'plains', 'delta', 'border', 'frontier', 'zone', 'line',
  'site', 'resort', 'memorial', 'monument', 'towers', 'area', 'expressway', 'freeway', 'turnpike', 'parkway', 'motorway',
  'cemetery', 'planetarium', 'shelf', 'cave', 'trail', 'blvd',
])

/** Words that begin place names of the form "X of Y" ("Gulf of Mexico", "Republic of Korea"). */
export const PLACE_OF_HEADS = new Set([
  'gulf', 'bay', 'sea', 'strait', 'straits', 'isle', 'island', 'islands', 'republic', 'kingdom', 'state', 'city',
  'province', 'county', 'municipality', 'district', 'port', 'cape', 'lake', 'mount', 'river', 'valley', 'principality', 'duchy',
  'commonwealth', 'emirate', 'sultanate', 'federation', 'union', 'coast', 'statue', 'tower', 'palace', 'cathedral', 'museum',
])

/** Words that begin organisation names of the form "X of Y" ("University of Portsmouth"). */
export const ORG_OF_HEADS = new Set([
  'university', 'college', 'institute', 'school', 'academy', 'bank', 'department', 'ministry', 'office', 'bureau',
  'council', 'court', 'house', 'board', 'commission', 'committee', 'association', 'society', 'federation', 'league',
  'union', 'order', 'church', 'library', 'government', 'parliament', 'assembly', 'chamber', 'organization',
  'organisation', 'party', 'center', 'centre', 'corps', 'army', 'navy', 'federal', 'national', 'royal', 'people',
  'friends', 'sisters', 'brothers', 'knights', 'daughters', 'sons', 'secretariat', 'administration', 'agency',
  'congress', 'brotherhood', 'sisterhood', 'fellowship', 'guild', 'synod', 'conference',
])

/** Nouns that put a name among works and vehicles: "the novel Emma", "the ship Freewinds". */
export const WORKS = new Set(['series', 'show', 'sitcom', 'film', 'movie', 'documentary', 'comedy', 'drama', 'thriller', 'musical', 'book', 'novel', 'poem', 'play', 'opera', 'album', 'song', 'single', 'painting', 'game', 'ship', 'vessel', 'yacht', 'spacecraft', 'probe', 'rocket', 'aircraft', 'shuttle', 'software', 'app', 'browser', 'magazine', 'newspaper', 'column', 'blog', 'podcast', 'episode', 'character', 'brand', 'model', 'operation', 'mission', 'hurricane', 'storm', 'typhoon', 'cyclone'])

/** Words before a place that people rarely follow ("to" and "from" take letters and gifts). */
export const IN_PLACE = new Set(['in', 'at', 'near', 'into', 'across', 'throughout', 'outside', 'inside', 'downtown'])

/** Words before a place: "in", "near", "visited". */
export const LOCATIVE = new Set(['in', 'at', 'near', 'from', 'to', 'across', 'throughout', 'outside', 'inside', 'into', 'via', 'toward', 'towards', 'around', 'visit', 'visited', 'visiting', 'capital', 'city', 'town', 'village', 'northern', 'southern', 'eastern', 'western', 'central', 'downtown'])

/** Words that make a known place a region of it: "Southern Senegal", "Greater Tokyo". */
export const PLACE_MODIFIERS = new Set(['northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'upper', 'lower', 'greater', 'inner', 'outer', 'old', 'new', 'downtown', 'metropolitan', 'coastal', 'rural'])

/** Place heads that name an administration as well as its ground: "the County" acts. */
export const ADMINISTRATIVE = new Set(['county', 'district', 'municipality', 'borough', 'parish', 'township', 'province', 'prefecture', 'region', 'territory', 'oblast', 'governorate', 'city', 'town', 'village', 'zone', 'line'])

/** Head words that are also surnames ("Judge Shanlyn Park"). */
export const SURNAME_HEADS = new Set(['park', 'hall', 'hill', 'house', 'church', 'bank', 'banks', 'field', 'wood', 'ford', 'press'])

/** Words that make a name a university or institute wherever they stand, in several languages. */
export const INSTITUTIONS = new Set([
  'university', 'universidade', 'universidad', 'universiteit', 'université', 'universität', 'università', 'universitat',
  'conservatoire', 'conservatorio', 'instituto', 'institut', 'istituto', 'institute', 'hochschule', 'polytechnic', 'académie', 'accademia',
])

/** Compass points that open a region's name. */
export const COMPASS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central'])

/** A country's or a continent's part by its compass name: "the West", "the Southwest", "the Midwest". */
export const COMPASS_REGIONS = /^(?:North|South|East|West|North-?east|North-?west|South-?east|South-?west|Midwest|Mid-West)$/

/**
 * Lower-case words for what someone is or does, which name a person when they stand right
 * before a name: "co-star Jensen Ackles", "philologist Rasmus Rask", "her boyfriend Julien Solomita".
 */
export const ROLE_NOUNS = new Set([
  'actor', 'actress', 'co-star', 'co-stars', 'star', 'singer', 'singer-songwriter', 'rapper', 'rappers', 'musician', 'composer',
  'conductor', 'pianist', 'guitarist', 'drummer', 'dancer', 'comedian', 'presenter', 'host', 'director', 'producer',
  'screenwriter', 'playwright', 'poet', 'novelist', 'writer', 'author', 'co-author', 'coauthor', 'editor', 'journalist',
  'reporter', 'columnist', 'critic', 'photographer', 'illustrator', 'artist', 'painter', 'sculptor', 'architect', 'designer',
  'magician', 'philosopher', 'philologist', 'linguist', 'historian', 'mathematician', 'physicist', 'chemist', 'biologist',
  'scientist', 'astronomer', 'economist', 'sociologist', 'psychologist', 'anthropologist', 'archaeologist', 'scholar',
  'theologian', 'researcher', 'engineer', 'inventor', 'entrepreneur', 'businessman', 'businesswoman', 'banker', 'lawyer',
  'politician', 'lawmaker', 'legislator', 'councillor', 'councilor', 'candidate', 'nominee', 'activist', 'campaigner',
  'diplomat', 'official', 'interviewee', 'student', 'teacher', 'pupil', 'player', 'teammate', 'pitcher', 'striker',
  'goalkeeper', 'quarterback', 'athlete', 'boxer', 'cyclist', 'driver', 'friend', 'boyfriend', 'girlfriend', 'wife', 'husband',
  'son', 'daughter', 'brother', 'sister', 'mother', 'father', 'uncle', 'aunt', 'cousin', 'grandson', 'granddaughter',
  'colleague', 'partner', 'fiancé', 'fiancée', 'widow', 'disciple', 'successor', 'predecessor', 'youtuber', 'blogger',
])

/** Heads of names that go on with "for the …": "Foundation for the Visual Arts", "Council for the Welfare of …". */
export const FOR_HEADS = new Set(['foundation', 'council', 'center', 'centre', 'institute', 'association', 'commission', 'committee', 'society', 'service', 'office', 'agency', 'fund', 'alliance', 'coalition', 'campaign', 'league', 'union', 'federation'])

/** Last words of programmes, projects, prizes and series: things done or given, not who does or gives them. */
export const UNDERTAKINGS = new Set(['program', 'programme', 'project', 'initiative', 'prize', 'award', 'awards', 'series', 'trophy'])

/**
 * First names in the English transliterations of Ukrainian and Russian that neither name
 * package spells so ("Volodymyr", "Dmytro", "Mikhail"), for the officials a centre names often.
 */
export const TRANSLITERATED_FIRST_NAMES = [
  'Volodymyr', 'Dmytro', 'Andriy', 'Andrii', 'Serhiy', 'Serhii', 'Mykola', 'Vitaliy', 'Vitalii', 'Yuriy', 'Yurii', 'Oleksiy', 'Oleksii',
  'Mykhailo', 'Kateryna', 'Vadym', 'Yevhen', 'Ihor', 'Vasyl', 'Valeriy', 'Hennadiy', 'Anatoliy', 'Arseniy', 'Viktor',
  'Dmitry', 'Dmitri', 'Yevgeny', 'Evgeny', 'Mikhail', 'Anatoly', 'Gennady', 'Vyacheslav', 'Yury', 'Yuri', 'Andrei', 'Andrey',
  'Alexey', 'Aleksei', 'Aleksandr', 'Nikolay', 'Ramzan', 'Sergey', 'Pyotr', 'Ilya', 'Kirill', 'Arkady', 'Yevgeniy', 'Svetlana',
]
