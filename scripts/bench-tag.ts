import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadRegistries } from "../src/content/registry.ts";
import { compilePlaces, tagTopicsAndPlaces } from "../src/ingest/places.ts";
import { compileTopics, type Field } from "../src/ingest/tag.ts";
import { PROJECT_ROOT } from "../src/project.ts";
import { seededRandom } from "./bench/random.ts";

/**
 * `npm run bench:tag`: tags 10,000 articles of realistic length with the topics and the places of
 * the registry, as ingest does (one pass for both), and prints the time and the rate.
 * Bodies come from the aeb corpus's ground truth (181 real news bodies, English and Russian) when
 * ../shared is present, otherwise from a deterministic generator mixing English, Russian and
 * Ukrainian sentences with topic words, false friends and filler. Budget: under 5 seconds.
 */

const ARTICLES = 10_000;
const BUDGET_MS = 5_000;
/** Words per body: a typical news article (the seed has about 700). */
const BODY_WORDS = 700;

const AEB = resolve(PROJECT_ROOT, "../shared/corpora/aeb/ground-truth.json");

const SENTENCES = [
  "The army announced a new wave of mobilization in the Kharkiv region on Monday.",
  "Parties worked to mobilize voters before the local election in Ohio.",
  "Officials said resource mobilization for the project would take a year.",
  "Shops on Kharkiv Street stayed open late during the festival.",
  "Военкомат разослал повестки, мобилизация в Харькове продолжается.",
  "Выборы президента России прошли в марте, ЦИК подвёл итоги голосования.",
  "Мобілізація триває: ТЦК вручає повістки на Харківщині.",
  "Вибори до Верховної Ради відклали через війну.",
  "Markets rose as investors weighed the latest inflation figures.",
  "The company reported quarterly revenue above analysts' expectations.",
  "Scientists published a new map of the moon's surface.",
  "The coach praised the team's defence after a narrow win.",
];

function syntheticBodies(count: number): string[] {
  const next = seededRandom(42);
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    let words = 0;
    while (words < BODY_WORDS) {
      const sentence = SENTENCES[Math.floor(next() * SENTENCES.length)] as string;
      parts.push(sentence);
      words += sentence.split(" ").length;
    }
    return parts.join(" ");
  });
}

function corpusBodies(): string[] {
  const truth = JSON.parse(readFileSync(AEB, "utf8")) as Record<string, { articleBody?: string }>;
  return Object.values(truth)
    .map((t) => t.articleBody ?? "")
    .filter((body) => body.split(/\s+/).length > 100);
}

/** The articles to tag: title (first words), summary (first sentence) and body of each. */
export function benchArticles(count = ARTICLES): Record<Field, string>[] {
  const bodies = existsSync(AEB) ? corpusBodies() : syntheticBodies(200);
  return Array.from({ length: count }, (_, i) => {
    const body = bodies[i % bodies.length] as string;
    const title = (bodies[(i * 7 + 3) % bodies.length] as string).split(/\s+/).slice(0, 12).join(" ");
    const summary = body.split(/(?<=[.!?])\s/)[0] ?? "";
    return { title, summary, body };
  });
}

function main(): void {
  const source = existsSync(AEB) ? "aeb corpus bodies" : "synthetic en/ru/uk bodies";
  const articles = benchArticles();
  const words = articles.reduce((n, a) => n + a.body.split(/\s+/).length, 0);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const registries = loadRegistries();
  const matchers = compileTopics(registries.topics);
  const places = compilePlaces(registries.places);
  let tagged = 0;
  let placed = 0;
  for (const article of articles) {
    const tags = tagTopicsAndPlaces(article, matchers, places);
    if (tags.topics.topics.length > 0) tagged++;
    if (tags.places.places.length > 0) placed++;
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time is what the tagger costs; wall time also counts waiting for a busy machine's cores.
  const ms = (cpu.user + cpu.system) / 1000;
  const rate = Math.round((articles.length / ms) * 1000);
  process.stdout.write(
    `tagged ${articles.length} articles with ${registries.topics.length} topics and ${registries.places.length} places (${source}, ${Math.round(words / articles.length)} body words on average; ${tagged} got a topic, ${placed} a place)\n` +
      `in ${(ms / 1000).toFixed(2)} s of CPU time (${(wallMs / 1000).toFixed(2)} s wall clock, load average ${loadavg()[0]?.toFixed(1)}), registry load and compile included: ${rate} articles/second\n` +
      `${ms < BUDGET_MS ? "within" : "OVER"} the ${BUDGET_MS / 1000} s budget\n`,
  );
  if (ms >= BUDGET_MS) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
