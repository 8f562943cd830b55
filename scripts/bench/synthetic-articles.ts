import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { REGISTRY_DIR } from "../../src/content/registry.ts";
import type { ArticleFrontMatterInput } from "../../src/content/schema.ts";
import { seededRandom } from "./random.ts";

/**
 * Synthetic articles for the search benchmark (scripts/bench-search.ts) and the search browser
 * tests: realistic enough for Pagefind's index to behave as on a real archive (en/ru/uk text of
 * a few hundred words, a long tail of names, topics, several outlets, dates over two years), and
 * valid against the article contract, because they are written by the same serializer as ingest.
 */

export interface SyntheticSource {
  id: string;
  name: string;
  language: "en" | "ru" | "uk";
  domain: string;
}

/** Outlets beside the registry's own, for a source filter with more than one value. */
export const SYNTHETIC_SOURCES: readonly SyntheticSource[] = [
  { id: "meduza", name: "Meduza", language: "ru", domain: "meduza.io" },
  { id: "ukrainska-pravda", name: "Ukrainska Pravda", language: "uk", domain: "pravda.com.ua" },
  { id: "kyiv-independent", name: "The Kyiv Independent", language: "en", domain: "kyivindependent.com" },
  { id: "novaya-gazeta-europe", name: "Novaya Gazeta Europe", language: "ru", domain: "novayagazeta.eu" },
  { id: "suspilne", name: "Suspilne", language: "uk", domain: "suspilne.media" },
  { id: "reuters", name: "Reuters", language: "en", domain: "www.reuters.com" },
];

/**
 * A registry folder for a test or benchmark site: the real topics and site settings, and the real
 * sources plus {@link SYNTHETIC_SOURCES}.
 */
export function writeSyntheticRegistry(dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(REGISTRY_DIR, "topics.yaml"), join(dir, "topics.yaml"));
  copyFileSync(join(REGISTRY_DIR, "site.yaml"), join(dir, "site.yaml"));
  const real = parseYaml(readFileSync(join(REGISTRY_DIR, "sources.yaml"), "utf8")) as {
    sources: { id: string }[];
  };
  const known = new Set(real.sources.map((s) => s.id));
  const extra = SYNTHETIC_SOURCES.filter((s) => !known.has(s.id)).map((s) => ({
    id: s.id,
    name: s.name,
    domains: [s.domain],
    language: s.language,
  }));
  writeFileSync(join(dir, "sources.yaml"), stringifyYaml({ sources: [...real.sources, ...extra] }));
  return dir;
}

type Language = "en" | "ru" | "uk";
type TopicId = "mobilization" | "kharkiv" | "elections";

interface LanguageBank {
  syllables: string[];
  titles: Record<TopicId, string[]>;
  topical: Record<TopicId, string[]>;
  general: string[];
  /** Registry terms the sentences above use, for topic_evidence. */
  evidence: Record<TopicId, string>;
}

/* Sentences with slots: {P} a person, {T} a town, {N} a number. */
const BANKS: Record<Language, LanguageBank> = {
  en: {
    syllables: [
      "ko",
      "va",
      "len",
      "shev",
      "dar",
      "mir",
      "pol",
      "tan",
      "ser",
      "gei",
      "rus",
      "lan",
      "bor",
      "dan",
      "vik",
      "tor",
    ],
    titles: {
      mobilization: [
        "New mobilization wave reaches {T}",
        "Call-up notices delivered in {T}",
        "Reservists describe mobilization in {T}",
      ],
      kharkiv: [
        "Strikes hit Kharkiv overnight",
        "Kharkiv residents rebuild after shelling",
        "Power cuts across Kharkiv region",
      ],
      elections: [
        "Election officials in {T} report turnout",
        "Ballots counted in {T}",
        "Election commission rejects {P}",
      ],
    },
    topical: {
      mobilization: [
        "Officials in {T} said the mobilization would continue through the spring, with {N} reservists called up.",
        "Families described how call-up papers were handed out at metro stations and offices in {T}.",
        "{P}, a lawyer who advises men facing conscription, said requests for help had tripled.",
        "The military enlistment office in {T} refused to say how many people had been mobilized.",
      ],
      kharkiv: [
        "Kharkiv came under attack again on Tuesday night, regional governor {P} said.",
        "At least {N} buildings were damaged in Kharkiv, and rescuers worked through the morning.",
        "Residents of Kharkiv queued for water as the city's power grid was repaired.",
        "The strikes on Kharkiv were the heaviest since the winter, according to local officials.",
      ],
      elections: [
        "The election commission in {T} reported a turnout of {N} percent by midday.",
        "Observers said ballot boxes in {T} were left unattended for hours.",
        "{P} said the election had been decided long before voters went to the polls.",
        "The vote in {T} was extended by a day, the election commission announced.",
      ],
    },
    general: [
      "{P} told reporters that the situation in {T} remained tense but under control.",
      "Local authorities in {T} promised to publish full figures within {N} days.",
      "The ministry did not respond to a request for comment by the time of publication.",
      "According to {P}, at least {N} people have left {T} since the start of the year.",
      "Independent journalists in {T} said they could not verify the official figures.",
      "Schools and hospitals in {T} have switched to generators, the city council said.",
      "Prices for basic goods in {T} rose by {N} percent over the past month.",
      "{P}, who has lived in {T} for {N} years, said the mood had changed noticeably.",
      "The decision drew criticism from human rights groups and from {P}.",
      "Officials later said the figures published earlier had been preliminary.",
    ],
    evidence: { mobilization: "mobilization", kharkiv: "kharkiv", elections: "election" },
  },
  ru: {
    syllables: [
      "ко",
      "ва",
      "лен",
      "шев",
      "дар",
      "мир",
      "пол",
      "тан",
      "сер",
      "гей",
      "рус",
      "лан",
      "бор",
      "дан",
      "вик",
      "тор",
    ],
    titles: {
      mobilization: [
        "В {T} началась новая волна мобилизации",
        "Повестки раздают у метро в {T}",
        "Резервисты рассказали о мобилизации",
      ],
      kharkiv: [
        "Ночной удар по Харькову",
        "Харьков восстанавливается после обстрелов",
        "В Харькове снова нет света",
      ],
      elections: [
        "Избирком {T} сообщил о явке",
        "В {T} подсчитали бюллетени",
        "Избирком отказал {P} в регистрации",
      ],
    },
    topical: {
      mobilization: [
        "Власти {T} заявили, что мобилизация продолжится весной, призваны {N} резервистов.",
        "Родственники рассказали, как повестки вручали прямо у метро и в офисах {T}.",
        "{P}, юрист, который консультирует призывников, говорит, что обращений стало втрое больше.",
        "В военкомате {T} отказались сообщить, сколько человек мобилизовано.",
      ],
      kharkiv: [
        "Харьков снова подвергся обстрелу во вторник ночью, сообщил губернатор {P}.",
        "В Харькове повреждены по меньшей мере {N} зданий, спасатели работали всё утро.",
        "Жители Харькова стояли в очередях за водой, пока чинили электросеть.",
        "Удары по Харькову стали самыми сильными с зимы, по словам местных властей.",
      ],
      elections: [
        "Избирком {T} сообщил о явке в {N} процентов к полудню.",
        "Наблюдатели рассказали, что урны для голосования в {T} часами оставались без присмотра.",
        "{P} заявил, что исход выборов был предрешён задолго до голосования.",
        "Голосование в {T} продлили на один день, сообщил избирком.",
      ],
    },
    general: [
      "{P} сказал журналистам, что ситуация в {T} остаётся напряжённой.",
      "Местные власти {T} пообещали опубликовать данные в течение {N} дней.",
      "В министерстве не ответили на запрос к моменту публикации.",
      "По словам {P}, с начала года {T} покинули не менее {N} человек.",
      "Независимые журналисты в {T} не смогли проверить официальные данные.",
      "Школы и больницы {T} перешли на генераторы, сообщили в мэрии.",
      "Цены на продукты в {T} выросли на {N} процентов за месяц.",
      "{P}, который живёт в {T} уже {N} лет, говорит, что настроение заметно изменилось.",
      "Решение раскритиковали правозащитники и {P}.",
      "Позже чиновники уточнили, что опубликованные данные были предварительными.",
    ],
    evidence: { mobilization: "мобилизац*", kharkiv: "харьков*", elections: "избирател*" },
  },
  uk: {
    syllables: [
      "ко",
      "ва",
      "лен",
      "шев",
      "дар",
      "мир",
      "пол",
      "тан",
      "сер",
      "гій",
      "рус",
      "лан",
      "бор",
      "дан",
      "вік",
      "тор",
    ],
    titles: {
      mobilization: [
        "У {T} почалася нова хвиля мобілізації",
        "Повістки вручають біля метро в {T}",
        "Резервісти розповіли про мобілізацію",
      ],
      kharkiv: [
        "Нічний удар по Харкову",
        "Харків відбудовується після обстрілів",
        "У Харкові знову немає світла",
      ],
      elections: [
        "Виборча комісія {T} повідомила про явку",
        "У {T} підрахували бюлетені",
        "Комісія відмовила {P} у реєстрації",
      ],
    },
    topical: {
      mobilization: [
        "Влада {T} заявила, що мобілізація триватиме навесні, призвано {N} резервістів.",
        "Родини розповіли, як повістки вручали просто біля метро та в офісах {T}.",
        "{P}, юрист, який консультує призовників, каже, що звернень стало втричі більше.",
        "У військкоматі {T} відмовилися повідомити, скільки людей мобілізовано.",
      ],
      kharkiv: [
        "Харків знову зазнав обстрілу у вівторок уночі, повідомив голова ОВА {P}.",
        "У Харкові пошкоджено щонайменше {N} будівель, рятувальники працювали весь ранок.",
        "Мешканці Харкова стояли в чергах по воду, поки ремонтували електромережу.",
        "Удари по Харкову стали найсильнішими від зими, кажуть місцеві посадовці.",
      ],
      elections: [
        "Виборча комісія {T} повідомила про явку {N} відсотків опівдні.",
        "Спостерігачі розповіли, що скриньки для голосування в {T} годинами були без нагляду.",
        "{P} заявив, що результат виборів був відомий задовго до голосування.",
        "Голосування в {T} продовжили на один день, повідомила комісія.",
      ],
    },
    general: [
      "{P} сказав журналістам, що ситуація в {T} залишається напруженою.",
      "Місцева влада {T} пообіцяла оприлюднити дані протягом {N} днів.",
      "У міністерстві не відповіли на запит на момент публікації.",
      "За словами {P}, з початку року {T} залишили щонайменше {N} людей.",
      "Незалежні журналісти в {T} не змогли перевірити офіційні дані.",
      "Школи та лікарні {T} перейшли на генератори, повідомили в міській раді.",
      "Ціни на продукти в {T} зросли на {N} відсотків за місяць.",
      "{P}, який живе в {T} уже {N} років, каже, що настрій помітно змінився.",
      "Рішення розкритикували правозахисники та {P}.",
      "Пізніше посадовці уточнили, що оприлюднені дані були попередніми.",
    ],
    evidence: { mobilization: "мобілізац*", kharkiv: "харків*", elections: "вибори" },
  },
};

const OFFSETS: Record<Language, string> = { en: "+00:00", ru: "+03:00", uk: "+02:00" };
const TOPICS: readonly TopicId[] = ["mobilization", "kharkiv", "elections"];
/** The corpus spans two years: 2023 and 2024. */
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 731;

/** Body length of the build benchmark's corpus: a typical full-text news article. */
export const ARTICLE_WORDS = { min: 600, max: 900 } as const;

export interface SyntheticOptions {
  /**
   * Body length in words, drawn per article from this range. Without it a body is 4–7 paragraphs
   * of 3–5 sentences (about 150–400 words), which keeps search tests and fixtures small.
   */
  words?: { min: number; max: number };
}

/** The `index`-th article of the corpus made from `seed` (the same pair always gives the same article). */
export function syntheticArticle(
  index: number,
  seed = 1,
  options: SyntheticOptions = {},
): ArticleFrontMatterInput & { body: string } {
  const next = seededRandom(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const language: Language = pick(["en", "en", "ru", "ru", "uk"] as const);
  const bank = BANKS[language];
  const source = pick([
    "moscow-times",
    ...SYNTHETIC_SOURCES.filter((s) => s.language === language).map((s) => s.id),
  ]);
  const topics = TOPICS.filter(() => next() < 0.4);
  const main = topics[0] ?? pick(TOPICS);
  const name = (parts: number) => {
    const word = Array.from({ length: parts }, () => pick(bank.syllables)).join("");
    return word.charAt(0).toUpperCase() + word.slice(1);
  };
  // A long tail of names, as in real news: most people and places appear in a handful of articles.
  const person = `${name(2)} ${name(3)}`;
  const town = name(3);
  const fill = (sentence: string) =>
    sentence
      .replaceAll("{P}", person)
      .replaceAll("{T}", town)
      .replaceAll("{N}", String(2 + Math.floor(next() * 400)));
  const topicalPool = [...new Set([main, ...topics])].flatMap((t) => bank.topical[t]);
  const paragraph = () =>
    Array.from({ length: 3 + Math.floor(next() * 3) }, () =>
      fill(next() < 0.45 ? pick(topicalPool) : pick(bank.general)),
    ).join(" ");
  const paragraphs: string[] = [];
  if (options.words) {
    const { min, max } = options.words;
    const target = min + Math.floor(next() * (max - min + 1));
    let words = 0;
    while (words < target) {
      const added = paragraph();
      paragraphs.push(added);
      words += added.split(/\s+/u).length;
    }
  } else {
    for (let i = 4 + Math.floor(next() * 4); i > 0; i--) paragraphs.push(paragraph());
  }
  const day = new Date(FIRST_DAY + Math.floor(next() * DAYS) * 86_400_000);
  const hour = String(6 + Math.floor(next() * 16)).padStart(2, "0");
  const minute = String(Math.floor(next() * 60)).padStart(2, "0");
  const date = `${day.toISOString().slice(0, 10)}T${hour}:${minute}:00${OFFSETS[language]}`;
  const id = `synthetic-${index}-${createHash("sha256").update(`${seed}:${index}`).digest("hex").slice(0, 8)}`;
  const body = paragraphs.join("\n\n");
  const summary = paragraphs[0]?.split(/(?<=\.)\s/u)[0] ?? fill(pick(bank.general));
  return {
    id,
    title: fill(pick(bank.titles[main])),
    date,
    date_source: "meta",
    source,
    url: `https://${SYNTHETIC_SOURCES.find((s) => s.id === source)?.domain ?? "www.themoscowtimes.com"}/${date.slice(0, 10).replaceAll("-", "/")}/${id}`,
    language,
    topics,
    topic_evidence: Object.fromEntries(
      topics.map((t) => [t, { score: 3, terms: [{ term: bank.evidence[t], count: 1 }] }]),
    ),
    summary,
    provenance: {
      input: `synthetic:${seed}/${index}`,
      sha256: createHash("sha256").update(body).digest("hex"),
      extractor: "synthetic",
      ingested_at: date,
      tool_version: "0.1.0",
    },
    body,
  };
}

/** Writes `count` synthetic articles under `dir` (as `YYYY/MM/<id>.md`) and returns their paths. */
export function writeSyntheticArticles(
  dir: string,
  count: number,
  seed = 1,
  options: SyntheticOptions = {},
): string[] {
  return Array.from({ length: count }, (_, index) => {
    const article = syntheticArticle(index, seed, options);
    const file = join(dir, articleFilePath(article));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeArticle(article));
    return file;
  });
}
