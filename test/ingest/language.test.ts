import { describe, expect, it } from "vitest";
import {
  declaredPrimary,
  detectLanguage,
  identifyLanguage,
  MIN_LETTERS,
  proseSample,
  resolveLanguage,
} from "../../src/ingest/language.ts";

const RU =
  "Власти готовят новую волну мобилизации, сообщили источники. Это решение уже принято, и его объявят летом.";
const UK =
  "Влада готує нову хвилю мобілізації, повідомили джерела. Це рішення вже ухвалене, і його оголосять влітку.";
const EN = "Authorities are preparing a new wave of mobilization in Kharkiv (Харків), sources said.";

describe("language", () => {
  it("tells Russian, Ukrainian and English apart", () => {
    expect(detectLanguage(RU)).toBe("ru");
    expect(detectLanguage(UK)).toBe("uk");
    expect(detectLanguage(EN)).toBe("en");
  });

  it("tells them apart by frequent words when the distinctive letters are missing", () => {
    expect(detectLanguage("Он сказал, что так и будет")).toBe("ru");
    expect(detectLanguage("Він сказав, що так і буде")).toBe("uk");
  });

  it("keeps a plausible declared language and overrules an implausible one with a warning", () => {
    expect(resolveLanguage(UK, "uk-UA")).toEqual({ language: "uk" });
    expect(resolveLanguage("Ein Artikel über Politik", "de")).toEqual({ language: "de" });
    const wrong = resolveLanguage(UK, "ru");
    expect(wrong.language).toBe("uk");
    expect(wrong.warning).toMatch(/declared language "ru" does not match/);
    expect(resolveLanguage(RU, undefined)).toEqual({ language: "ru" });
  });
});

// News sentences written for these tests: the same story (a minimum-wage rise) in every language,
// and a football result in the Cyrillic ones, so that only the language differs.
const WAGE: Record<string, string> = {
  en: "The government announced on Tuesday that it would raise the minimum wage next year, after months of negotiations with trade unions and employers.",
  de: "Die Bundesregierung hat am Dienstag angekündigt, den Mindestlohn im kommenden Jahr zu erhöhen. Zuvor hatten Gewerkschaften und Arbeitgeber monatelang verhandelt.",
  fr: "Le gouvernement a annoncé mardi qu'il augmenterait le salaire minimum l'année prochaine, après des mois de négociations avec les syndicats et le patronat.",
  it: "Il governo ha annunciato martedì che aumenterà il salario minimo il prossimo anno, dopo mesi di trattative con i sindacati e le associazioni degli imprenditori.",
  es: "El Gobierno anunció el martes que subirá el salario mínimo el próximo año, tras meses de negociaciones con los sindicatos y la patronal.",
  pt: "O governo anunciou na terça-feira que vai aumentar o salário mínimo no próximo ano, depois de meses de negociações com os sindicatos e as associações patronais.",
  nl: "De regering heeft dinsdag aangekondigd dat het minimumloon volgend jaar omhoog gaat, na maanden van onderhandelingen met de vakbonden en de werkgevers.",
  sv: "Regeringen meddelade på tisdagen att minimilönen ska höjas nästa år, efter flera månaders förhandlingar med fackföreningarna och arbetsgivarna.",
  da: "Regeringen meddelte tirsdag, at mindstelønnen skal hæves næste år, efter flere måneders forhandlinger med fagforeningerne og arbejdsgiverne.",
  fi: "Hallitus ilmoitti tiistaina, että vähimmäispalkkaa korotetaan ensi vuonna. Päätös syntyi kuukausia kestäneiden neuvottelujen jälkeen ammattiliittojen ja työnantajien kanssa.",
  et: "Valitsus teatas teisipäeval, et miinimumpalka tõstetakse järgmisel aastal. Otsus sündis pärast mitu kuud kestnud läbirääkimisi ametiühingute ja tööandjatega.",
  lv: "Valdība otrdien paziņoja, ka nākamgad tiks paaugstināta minimālā alga. Lēmums pieņemts pēc vairākus mēnešus ilgām sarunām ar arodbiedrībām un darba devējiem.",
  lt: "Vyriausybė antradienį paskelbė, kad kitais metais bus padidintas minimalusis atlyginimas. Sprendimas priimtas po kelis mėnesius trukusių derybų su profesinėmis sąjungomis ir darbdaviais.",
  hu: "A kormány kedden bejelentette, hogy jövőre emelik a minimálbért. A döntés a szakszervezetekkel és a munkaadókkal folytatott hónapokig tartó tárgyalások után született.",
  ro: "Guvernul a anunțat marți că salariul minim va crește anul viitor, după luni de negocieri cu sindicatele și patronatele.",
  el: "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι ο κατώτατος μισθός θα αυξηθεί τον επόμενο χρόνο, μετά από μήνες διαπραγματεύσεων με τα συνδικάτα και τους εργοδότες.",
  pl: "Rząd ogłosił we wtorek, że w przyszłym roku płaca minimalna wzrośnie. Decyzja zapadła po wielu miesiącach negocjacji ze związkami zawodowymi i pracodawcami.",
  cs: "Vláda v úterý oznámila, že minimální mzda se příští rok zvýší. Rozhodnutí padlo po několika měsících vyjednávání s odbory a zaměstnavateli.",
  sk: "Vláda v utorok oznámila, že minimálna mzda sa budúci rok zvýši. Rozhodnutie padlo po niekoľkých mesiacoch rokovaní s odbormi a zamestnávateľmi.",
  sl: "Vlada je v torek sporočila, da se bo minimalna plača prihodnje leto zvišala. Odločitev je bila sprejeta po več mesecih pogajanj s sindikati in delodajalci.",
  hr: "Vlada je u utorak objavila da će se minimalna plaća sljedeće godine povećati. Odluka je donesena nakon višemjesečnih pregovora sa sindikatima i poslodavcima.",
  sr: "Влада је у уторак саопштила да ће минимална зарада следеће године бити повећана. Одлука је донета после вишемесечних преговора са синдикатима и послодавцима.",
  mk: "Владата во вторник соопшти дека минималната плата ќе се зголеми следната година. Одлуката е донесена по неколкумесечни преговори со синдикатите и работодавачите.",
  bg: "Правителството обяви във вторник, че минималната работна заплата ще бъде увеличена догодина. Решението е взето след месеци преговори със синдикатите и работодателите.",
  be: "Урад у аўторак абвясціў, што мінімальная заработная плата ў наступным годзе павялічыцца. Рашэнне было прынята пасля некалькіх месяцаў перамоў з прафсаюзамі і працадаўцамі.",
  uk: "Уряд у вівторок оголосив, що наступного року мінімальна зарплата зросте. Рішення ухвалили після кількох місяців переговорів із профспілками та роботодавцями.",
  ru: "Правительство во вторник объявило, что в следующем году минимальная зарплата вырастет. Решение было принято после нескольких месяцев переговоров с профсоюзами и работодателями.",
  ga: "D'fhógair an Rialtas Dé Máirt go n-ardófar an pá íosta an bhliain seo chugainn, tar éis míonna idirbheartaíochta leis na ceardchumainn agus leis na fostóirí.",
  is: "Ríkisstjórnin tilkynnti á þriðjudag að lágmarkslaun yrðu hækkuð á næsta ári, eftir margra mánaða samningaviðræður við verkalýðsfélög og atvinnurekendur.",
  sq: "Qeveria njoftoi të martën se paga minimale do të rritet vitin e ardhshëm, pas muajsh negociatash me sindikatat dhe punëdhënësit.",
  tr: "Hükümet salı günü yaptığı açıklamada asgari ücretin gelecek yıl artırılacağını duyurdu. Karar, sendikalar ve işverenlerle aylarca süren müzakerelerin ardından alındı.",
  ca: "El Govern va anunciar dimarts que el salari mínim pujarà l'any vinent, després de mesos de negociacions amb els sindicats i la patronal.",
  eu: "Gobernuak asteartean iragarri zuen datorren urtean gutxieneko soldata igoko dela, sindikatuekin eta enpresaburuekin hilabetez negoziatu ondoren.",
  gl: "O Goberno anunciou o martes que o salario mínimo subirá o ano que vén, despois de meses de negociacións cos sindicatos e a patronal.",
  cy: "Cyhoeddodd y llywodraeth ddydd Mawrth y bydd yr isafswm cyflog yn codi y flwyddyn nesaf, ar ôl misoedd o drafodaethau gyda'r undebau llafur a'r cyflogwyr.",
  mt: "Il-Gvern ħabbar nhar it-Tlieta li l-paga minima se tiżdied is-sena d-dieħla, wara xhur ta' negozjati mat-trade unions u mal-impjegaturi.",
};
const NORWEGIAN =
  "Regjeringen kunngjorde tirsdag at minstelønnen skal økes neste år, etter flere måneder med forhandlinger med fagforeningene og arbeidsgiverne.";
const FOOTBALL: Record<string, string> = {
  bg: "Футболният отбор загуби мача в неделя и вече няма шанс да спечели първенството, каза треньорът пред журналистите.",
  mk: "Фудбалскиот тим го загуби натпреварот во недела и веќе нема шанса да го освои првенството, изјави тренерот пред новинарите.",
  sr: "Фудбалски тим је изгубио утакмицу у недељу и више нема шансе да освоји првенство, рекао је тренер новинарима.",
  uk: "Футбольна команда програла матч у неділю і вже не має шансів виграти чемпіонат, сказав тренер журналістам.",
  ru: "Футбольная команда проиграла матч в воскресенье и уже не имеет шансов выиграть чемпионат, сказал тренер журналистам.",
  be: "Футбольная каманда прайграла матч у нядзелю і ўжо не мае шанцаў выйграць чэмпіянат, сказаў трэнер журналістам.",
};

/** Russian prose about code: a code block, inline code, URLs, identifiers and English names. */
const RUSSIAN_WITH_CODE = [
  "Как ускорить сборку на Node.js",
  "Разработчики из Yandex Cloud рассказали, как сократили время сборки фронтенда вдвое. Для этого они заменили webpack на esbuild и включили кеш: `esbuild src/index.ts --bundle --outfile=dist/app.js`.",
  "```js",
  "import { build } from 'esbuild';",
  "await build({ entryPoints: ['src/index.ts'], bundle: true, minify: true, sourcemap: true, target: 'node20' });",
  "const config = require('./config.json'); console.log(process.env.NODE_ENV);",
  "```",
  "Подробности есть в репозитории https://github.com/example/fast-build и в документации на https://esbuild.github.io/api/#build. По словам Ивана Петрова, главное — не пересобирать node_modules при каждом изменении.",
].join("\n");

describe("identifying the languages of Europe", () => {
  it.each(Object.entries(WAGE))("%s", (language, sentence) => {
    expect(detectLanguage(sentence)).toBe(language);
  });

  it.each(Object.entries(FOOTBALL))("%s, a second Cyrillic sentence", (language, sentence) => {
    expect(detectLanguage(sentence)).toBe(language);
  });

  it("tells the Cyrillic languages apart in a short sentence, by their alphabets", () => {
    expect(detectLanguage("Президентът подписа указа в понеделник.")).toBe("bg");
    expect(detectLanguage("Президентот го потпиша указот во понеделник.")).toBe("mk");
    expect(detectLanguage("Председник је потписао указ у понедељак.")).toBe("sr");
    expect(detectLanguage("Прэзідэнт падпісаў указ у панядзелак.")).toBe("be");
    expect(detectLanguage("Президент підписав указ у понеділок.")).toBe("uk");
    expect(detectLanguage("Президент подписал указ в понедельник.")).toBe("ru");
  });

  it("reads a Russian text as Russian when its few ы, э or ё are all that Bulgarian lacks", () => {
    // One ы in about 170 letters is within the share left for a quoted name; Bulgarian's trigrams
    // scored higher. Without ъ, the ы is not a quote in a Bulgarian text.
    const strike =
      "Рабочие завода в Ульяновске провели забастовку с требованием поднять зарплату. Руководство предприятия заявило, что готово к переговорам, но не раньше следующего месяца, когда будут подведены итоги года.";
    expect(detectLanguage(strike)).toBe("ru");
    // A Bulgarian or Ukrainian text quoting a Russian name has its own letters: still itself.
    const court =
      "Съдът в София отказа във вторник да екстрадира руския гражданин Дмитрий Рыбаков, съобщиха от прокуратурата, която ще обжалва решението пред апелативния съд.";
    expect(detectLanguage(court)).toBe("bg");
    expect(
      detectLanguage(
        "Суд у Києві заарештував російського блогера Эдуарда Рыбакова, повідомили в прокуратурі.",
      ),
    ).toBe("uk");
  });

  it("reads Norwegian as Norwegian or Danish (too alike to tell), and keeps a Norwegian declaration", () => {
    expect(["nb", "da"]).toContain(detectLanguage(NORWEGIAN));
    expect(resolveLanguage(NORWEGIAN, "nb-NO")).toEqual({ language: "nb" });
    expect(resolveLanguage(NORWEGIAN, "no")).toEqual({ language: "no" });
  });

  it("reads Japanese with more kanji than kana as Japanese", () => {
    expect(
      detectLanguage(
        "政府は火曜日、来年の最低賃金を引き上げると発表した。労働組合と経営者団体との交渉は数か月続いた。",
      ),
    ).toBe("ja");
  });

  it("answers und for a text without letters", () => {
    expect(detectLanguage("2024-03-22 10:15 | 42 % https://example.com/x")).toBe("und");
    expect(identifyLanguage("")).toBeUndefined();
  });
});

describe("the prose read", () => {
  it("leaves out code, URLs, e-mail addresses, identifiers and digits", () => {
    const sample = proseSample(RUSSIAN_WITH_CODE);
    expect(sample).not.toMatch(/https?|github|esbuild\.|config|NODE_ENV|node_modules|entryPoints|\d/);
    expect(sample).toContain("Разработчики из Yandex Cloud рассказали как сократили время сборки");
    expect(proseSample("Write to press@example.org or see www.example.org today")).toBe(
      "Write to or see today",
    );
  });

  it("reads Russian prose with code, URLs and English names as Russian", () => {
    expect(detectLanguage(RUSSIAN_WITH_CODE)).toBe("ru");
    expect(resolveLanguage(RUSSIAN_WITH_CODE, "ru")).toEqual({ language: "ru" });
    const overruled = resolveLanguage(RUSSIAN_WITH_CODE, "en");
    expect(overruled.language).toBe("ru");
    expect(overruled.warning).toBe('declared language "en" does not match the text; detected "ru"');
  });

  it("reads English with a Russian quote as English", () => {
    const text =
      "The minister told reporters that the talks had failed. «Мы не будем ничего подписывать», he said, before leaving the building without taking further questions.";
    expect(detectLanguage(text)).toBe("en");
  });
});

describe("declared languages", () => {
  it("normalises a declaration to its primary subtag", () => {
    expect(declaredPrimary("en-GB")).toBe("en");
    expect(declaredPrimary("ru_RU")).toBe("ru");
    expect(declaredPrimary(" BG ")).toBe("bg");
    expect(declaredPrimary("iw")).toBe("he");
    expect(declaredPrimary("und")).toBeUndefined();
    expect(declaredPrimary("English")).toBeUndefined();
    expect(declaredPrimary(undefined)).toBeUndefined();
  });

  it("answers the primary subtag of a declaration the text agrees with", () => {
    expect(resolveLanguage(WAGE.en ?? "", "en-GB")).toEqual({ language: "en" });
    expect(resolveLanguage(WAGE.bg ?? "", "bg-BG")).toEqual({ language: "bg" });
    expect(resolveLanguage(WAGE.de ?? "", "de-AT")).toEqual({ language: "de" });
  });

  it("keeps the declaration of a text too short to tell", () => {
    const short = "Ein Artikel über Politik und Wirtschaft";
    expect(short.replace(/\P{L}/gu, "").length).toBeLessThan(MIN_LETTERS);
    expect(resolveLanguage(short, "fr")).toEqual({ language: "fr" });
    expect(resolveLanguage("Новини дня", "bg")).toEqual({ language: "bg" });
    expect(resolveLanguage("Новини дня", "ru")).toEqual({ language: "ru" });
  });

  it("keeps a declaration of a language written alike (Croatian declared, Serbian-looking text)", () => {
    const bosnian =
      "Vlada je u utorak objavila da će se minimalna plata sljedeće godine povećati, nakon višemjesečnih pregovora sa sindikatima i poslodavcima.";
    expect(resolveLanguage(bosnian, "bs")).toEqual({ language: "bs" });
    expect(resolveLanguage(bosnian, "hr")).toEqual({ language: "hr" });
    expect(resolveLanguage(WAGE.sr ?? "", "sr-Cyrl-RS")).toEqual({ language: "sr" });
  });

  it("keeps a declaration franc-all cannot score", () => {
    expect(resolveLanguage(WAGE.en ?? "", "tlh")).toEqual({ language: "tlh" });
  });

  it("overrules a declaration the text clearly contradicts, naming both", () => {
    expect(resolveLanguage(WAGE.de ?? "", "en")).toEqual({
      language: "de",
      warning: 'declared language "en" does not match the text; detected "de"',
    });
    expect(resolveLanguage(WAGE.bg ?? "", "ru")).toEqual({
      language: "bg",
      warning: 'declared language "ru" does not match the text; detected "bg"',
    });
    expect(resolveLanguage(WAGE.ru ?? "", "bg-BG")).toEqual({
      language: "ru",
      warning: 'declared language "bg-BG" does not match the text; detected "ru"',
    });
    expect(resolveLanguage(WAGE.mk ?? "", "bg").language).toBe("mk");
    expect(resolveLanguage(WAGE.pl ?? "", "cs").language).toBe("pl");
    expect(resolveLanguage(WAGE.en ?? "", "ru").language).toBe("en");
  });

  it("with no declaration, answers what the text says", () => {
    expect(resolveLanguage(WAGE.fi ?? "", undefined)).toEqual({ language: "fi" });
    expect(resolveLanguage(WAGE.el ?? "", "und")).toEqual({ language: "el" });
  });

  it("keeps a Frisian declaration: a language scored only when declared", () => {
    const frisian =
      "De regearing hat tiisdei bekend makke dat it minimumlean takom jier omheech giet, nei moannen fan ûnderhannelingen mei de fakbûnen en de wurkjouwers.";
    expect(resolveLanguage(frisian, "fy")).toEqual({ language: "fy" });
  });
});
