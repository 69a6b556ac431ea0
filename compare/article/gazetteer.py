"""Word lists the rule-based entity tagger and speaker resolver share.

Small by design: countries, the capitals and cities news names most, nationalities, well-known
organisations, titles that precede names, and frequent first names. Anything not listed is labelled
from its shape and context instead, so a missing name degrades the label, never the offsets.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

COUNTRIES = frozenset(
    line.strip()
    for line in """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|
    Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
    Bosnia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|
    Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|
    Czechia|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|
    Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Guyana|
    Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|
    Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
    Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|
    Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|
    Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|
    Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|
    Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|
    Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|
    Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tunisia|Turkey|Türkiye|Turkmenistan|Uganda|
    Ukraine|United Arab Emirates|UAE|United Kingdom|UK|Britain|Great Britain|England|Scotland|Wales|
    United States|United States of America|US|U.S.|USA|America|Uruguay|Uzbekistan|Venezuela|Vietnam|
    Yemen|Zambia|Zimbabwe|DPRK|ROK|Gaza|West Bank|Crimea|Chechnya|Tibet|Hong Kong|Macau|Kashmir|
    Puerto Rico|Greenland""".split("|")
)

CITIES = frozenset(
    line.strip()
    for line in """Moscow|Pyongyang|Seoul|Beijing|Shanghai|Tokyo|Washington|New York|London|Paris|
    Berlin|Rome|Madrid|Kyiv|Kiev|Kharkiv|Odesa|Odessa|Mariupol|Bakhmut|Donetsk|Luhansk|Minsk|Warsaw|
    Vienna|Brussels|Geneva|Zurich|Ankara|Istanbul|Tehran|Baghdad|Damascus|Beirut|Jerusalem|Tel Aviv|
    Cairo|Riyadh|Dubai|Doha|Kabul|Islamabad|New Delhi|Delhi|Mumbai|Dhaka|Bangkok|Hanoi|Manila|Jakarta|
    Singapore|Sydney|Canberra|Ottawa|Toronto|Mexico City|Havana|Caracas|Bogota|Lima|Brasilia|
    Buenos Aires|Santiago|Nairobi|Lagos|Addis Ababa|Johannesburg|Vladivostok|St. Petersburg|
    Saint Petersburg|Artyom|Khabarovsk|Komsomolsk-on-Amur|Sochi|Kursk|Belgorod|Chicago|Los Angeles|
    San Francisco|Boston|Philadelphia|Miami|Houston|Dallas|Atlanta|Denver|Seattle|Detroit|Cleveland|
    Charlotte|Phoenix|Las Vegas|Orlando|Tampa|Pittsburgh|Baltimore|Milwaukee|Iowa|Ohio|Florida|Texas|
    California|Pennsylvania|Michigan|Wisconsin|Virginia|North Carolina|South Carolina|Arizona|Nevada|
    Colorado|New Hampshire|New Jersey|Minnesota|Indiana|Illinois|Missouri|Tennessee|Kentucky|Alabama|
    Louisiana|Mississippi|Oklahoma|Kansas|Nebraska|Utah|Oregon|Maine|Vermont|Massachusetts|
    Connecticut|Maryland|Delaware|Arkansas|Idaho|Montana|Wyoming|Alaska|Hawaii|New Mexico|
    North Dakota|South Dakota|West Virginia|Rhode Island|Primorye|Primorsky Krai|Siberia|Bavaria|
    Catalonia|Quebec|Ontario|Gyeonggi""".split("|")
)

LOCATIONS = frozenset(
    line.strip()
    for line in """Far East|Russian Far East|Middle East|Near East|Europe|Asia|Africa|Latin America|
    North America|South America|Central Asia|East Asia|Southeast Asia|South Asia|Korean Peninsula|
    Pacific|Atlantic|Arctic|Antarctica|Indian Ocean|Pacific Ocean|Atlantic Ocean|Black Sea|Baltic|
    Baltic Sea|Mediterranean|Red Sea|South China Sea|East China Sea|Sea of Japan|Persian Gulf|Gulf|
    Balkans|Caucasus|Sahel|Scandinavia|Western Europe|Eastern Europe|Midwest|West Coast|East Coast|
    Amur|Volga|Danube|Nile|Yalu|Ground Zero|Vostochny|Vostochny Cosmodrome|Capitol Hill""".split("|")
)

NATIONALITIES = frozenset(
    """American Americans Russian Russians Chinese Korean Koreans North South Japanese Ukrainian
    Ukrainians British Briton Britons French German Germans Italian Spanish Polish Iranian Iranians
    Iraqi Syrian Israeli Israelis Palestinian Palestinians Turkish Indian Pakistani Afghan Saudi
    Egyptian Mexican Canadian Australian Brazilian European Europeans Asian African Arab Arabs
    Western Soviet Belarusian Georgian Armenian Azerbaijani Kazakh Chechen Kurdish Kurds Taiwanese
    Vietnamese Filipino Indonesian Thai Swedish Finnish Norwegian Danish Dutch Belgian Swiss Austrian
    Hungarian Czech Slovak Romanian Bulgarian Serbian Croatian Greek Irish Scottish Welsh English
    Muslim Muslims Christian Christians Jewish Jews Catholic Catholics Sunni Shiite Shia Hindu
    Democrat Democrats Democratic Republican Republicans Communist Communists Nazi Nazis""".split()
)

ORGANIZATIONS = frozenset(
    line.strip()
    for line in """UN|United Nations|NATO|EU|European Union|IMF|World Bank|WHO|World Health Organization|
    IAEA|OPEC|G7|G20|BRICS|ASEAN|African Union|Red Cross|Amnesty International|Human Rights Watch|
    Kremlin|White House|Pentagon|State Department|Congress|Senate|House|Supreme Court|FBI|CIA|NSA|
    Security Council|UN Security Council|Duma|State Duma|Politburo|Workers' Party|Workers’ Party|
    Hamas|Hezbollah|Taliban|Islamic State|ISIS|ISIL|Al Qaeda|al-Qaeda|Wagner|Gazprom|Rosneft|
    Rosatom|Roscosmos|Samsung|Apple|Google|Microsoft|Amazon|Facebook|Meta|Twitter|Tesla|Boeing|
    Airbus|Ford|Toyota|Volkswagen|Huawei|Reuters|TASS|KCNA|AP|AFP|Yonhap|Xinhua|RIA|Interfax|BBC|CNN|
    Associated Press|Agence France-Presse|Press Trust of India|Korean Central News Agency|RIA Novosti|
    NDTV|DW|Fox News|NBC|CBS|ABC|MSNBC|NPR|Politico|Breitbart|GOP|DNC|RNC|Democratic Party|
    Republican Party|Fed|Federal Reserve|ECB|Secret Service|NYPD|Justice Department|
    Department of Justice|Treasury|Defense Ministry|Foreign Ministry|Ministry of Defence|
    Ministry of Defense|Ministry of Foreign Affairs|Pacific Fleet|Russian Pacific Fleet""".split("|")
)

# Words that make a capitalised span an organisation wherever they appear in it.
ORG_WORDS = frozenset(
    """Ministry Department Agency Council Committee Commission Party Union Association Institute
    University College School Bank Corporation Corp Inc Ltd LLC Group Company Co Foundation Fund
    Army Navy Fleet Forces Force Guard Court Parliament Assembly Congress Senate Office Bureau
    Authority Service Services Administration Organization Organisation Federation League Club
    Church Times Post News Journal Herald Tribune Daily Agency Network Television Radio Airlines
    Motors Holdings Partners Capital Reserve Campaign Coalition Alliance Front Movement Board""".split()
)

EVENT_WORDS = frozenset(
    """War Olympics Games Cup Summit Forum Conference Election Elections Festival Championship
    Revolution Crisis Pandemic Expo Convention Debate Week Day Marathon Prize Awards Assembly""".split()
)

# Titles before a name; they are kept out of the PERSON span but mark the next words as a person.
TITLES = frozenset(
    """Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. President Vice Prime Minister Premier Chancellor
    Secretary Governor Gov Gov. Senator Sen Sen. Rep Rep. Representative Mayor Ambassador General
    Gen Gen. Lt Lt. Col Col. Maj Maj. Capt Capt. Admiral Adm Adm. Sgt Sgt. Commander Chairman Chair
    Director Judge Justice King Queen Prince Princess Pope Sheikh Emir Ayatollah Rev Rev. Father
    Sister Bishop Cardinal Lord Lady Sir Dame Speaker Leader Chief Deputy Foreign Defence Defense
    Interior Finance Retired Former Marshal Field Colonel Major Captain Lieutenant Sergeant Officer
    Coach Pastor Rabbi Imam Spokesman Spokeswoman Attorney Commissioner Minister Chairwoman
    Chairperson""".split()
)

# Seats of government named for their address, and the institution they stand for as a source.
METONYMS = {"Number 10": "Downing Street", "No. 10": "Downing Street", "No 10": "Downing Street"}

# Heads of geographic names: `Cape Orm`, `Mount Hood`, `Lake Ladoga` are places whatever follows.
PLACE_HEADS = frozenset(
    """Cape Mount Mt Lake Bay Gulf Strait Island Islands Isle Peninsula River Valley Desert Sea Ocean
    Port Fort Point""".split()
)
# Last words of street, park and district names: `Harlow Park`, `Elm Street`, `Lake County` are places,
# not a given name and a surname. Words that are also common surnames (Lane, Hill) are left out.
PLACE_TAILS = frozenset(
    """Street St Avenue Ave Road Rd Boulevard Blvd Drive Parkway Pkwy Highway Hwy Expressway Freeway
    Park County Parish Township Heights Square Plaza Place Terrace Circle""".split()
)

FIRST_NAMES = frozenset(
    """Aaron Adam Adrian Ahmed Alan Albert Alex Alexander Alexei Alexey Ali Alice Amy Andrea Andrew
    Andrei Andrey Angela Ann Anna Anne Anthony Antonio Barack Ben Benjamin Bernie Bill Bob Boris Brad
    Brian Carl Carlos Catherine Charles Chris Christian Christopher Chuck Daniel David Dennis Dmitry
    Dmitri Donald Elizabeth Emily Emmanuel Eric Frank Gary George Greg Hillary Hunter Igor Ivan Jack
    James Jane Janet Jason Jean Jeb Jeff Jennifer Jill Jim Joe John Jon Jonathan Jose Joseph Josh Juan
    Julia Justin Karen Kamala Kate Kelly Kevin Kim Kellyanne Laura Lisa Liz Marco Maria Mark Martin
    Mary Matt Matthew Melania Michael Michelle Mike Mitch Mohammed Muhammad Nancy Narendra Nick Nicolas
    Nikolai Oleg Olaf Olena Patrick Paul Peter Rachel Rand Richard Rick Robert Robby Ron Ryan Sam Sarah
    Scott Sean Sergei Sergey Stephen Steve Steven Susan Ted Thomas Tim Tom Valery Viktor Vladimir
    Volodymyr Xi Yoon Yuri Yury Ivanka Eric Rudy Rudolph Reince Newt Chelsea Tim Gary Evan Gennifer
    Jeremy Keir Rishi Theresa Justin Shinzo Fumio Moon Lee Park Choi Kang Jong""".split()
)

# Capitalised words that start sentences or headlines without being names.
NOT_NAMES = frozenset(
    """The A An This That These Those It Its He She They We I You His Her Their Our My Your But And Or
    Yet So If When While Although Though Because Since After Before As At In On Of For From To With
    By About Into Over Under Between During Without Within Among Across Through Against Also Still
    However Meanwhile Moreover Later Earlier Then Now Here There What Who Whom Whose Which Where Why
    How Some Many Most Several Both Each Every All No Not Any Other Another Such One Two Three Four
    Five Six Seven Eight Nine Ten First Second Third Last Next New Mr Mrs Ms Dr Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Today
    Tomorrow Yesterday According Let Lets Let’s Let's Read Watch Click Photo Video Caption Image
    Update Updated Breaking Related Share More Just Only Even Despite Instead Indeed Perhaps Maybe
    Asked Speaking Is Was Are Were Do Does Did Has Have Had Will Would Can Could Should Must May
    Might Why Please Thank Thanks Yes Well Oh OK Okay Sources Officials Government""".split()
)

# Lower-case words that may sit inside an organisation or place name (`Bank of America`).
NAME_JOINERS = frozenset({"of", "for", "the", "and", "de", "al", "bin", "von", "van", "der", "on", "upon"})
