import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/front-matter.ts";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";

// Languages beyond en/ru/uk go through ingest like any other: detected, declared or overruled,
// written, and (for a new outlet) recorded as the outlet's language.

const NOW = new Date("2026-01-02T03:04:05Z");
const REGISTRIES = loadRegistries(REGISTRY_DIR);
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
const options = (): IngestOptions => ({
  outDir: tempDir("ingest-language-"),
  dryRun: false,
  registries: REGISTRIES,
  toolVersion: "0.1.0",
  now: NOW,
});
const read = (path: string | undefined) => parseArticle(readFileSync(path ?? "", "utf8"), path ?? "");

const bulgarianPage = (lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<title>Правителството вдига минималната заплата</title>
<link rel="canonical" href="https://www.example-bg-news.bg/2024/03/22/minimalna-zaplata">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-22T10:15:00+02:00">
</head><body><article>
<h1>Правителството вдига минималната заплата</h1>
<p>Правителството обяви във вторник, че минималната работна заплата ще бъде увеличена догодина. Решението е взето след месеци преговори със синдикатите и работодателите.</p>
<p>Синдикатите приеха решението, но предупредиха, че увеличението няма да стигне, за да компенсира поскъпването на храните и енергията през последната година.</p>
<p>Работодателите от своя страна заявиха, че по-високите разходи ще бъдат трудни за малките фирми в по-бедните региони на страната.</p>
<p>Финансовият министър каза пред журналисти, че бюджетът може да поеме разхода и че мярката ще бъде преразгледана след една година.</p>
</article></body></html>`;

describe("ingesting articles in languages beyond en/ru/uk", () => {
  it("writes a Bulgarian page declared bg as bg, and the new outlet's language is bg", async () => {
    const input = join(tempDir("bg-"), "bg.html");
    writeFileSync(input, bulgarianPage("bg"));
    const [item] = (await ingestInputs([input], options())).items;
    expect(item?.status).toBe("written");
    expect(read(item?.path).language).toBe("bg");
    expect(item?.warnings.join("\n")).not.toMatch(/declared language/);
    expect(item?.warnings.join("\n")).toMatch(/created source "[^"]+" \(name "[^"]*", language bg\)/);
  });

  it("writes a Bulgarian page declared ru-RU as bg, with a warning naming both", async () => {
    const input = join(tempDir("bg-ru-"), "bg.html");
    writeFileSync(input, bulgarianPage("ru-RU"));
    const [item] = (await ingestInputs([input], options())).items;
    expect(item?.status).toBe("written");
    expect(read(item?.path).language).toBe("bg");
    expect(item?.warnings.join("\n")).toMatch(
      /declared language "ru-RU" does not match the text; detected "bg"/,
    );
  });

  it("writes the briefs of a feed declared bg as bg, even one too short to tell from Macedonian", async () => {
    const input = join(tempDir("bg-feed-"), "feed.xml");
    const item = (n: number, title: string, summary: string) =>
      `<item><title>${title}</title><link>https://www.example-bg-news.bg/2024/03/2${n}/item-${n}</link><description>${summary}</description><pubDate>Fri, 2${n} Mar 2024 10:00:00 +0200</pubDate></item>`;
    writeFileSync(
      input,
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Пример Новини</title><link>https://www.example-bg-news.bg/</link><language>bg</language><description>Новини</description>
${item(1, "Правителството вдига заплатите", "Решението е взето във вторник.")}
${item(2, "Синдикатите са против", "Те искат повече пари за храна.")}
</channel></rss>`,
    );
    const { items } = await ingestInputs([input], options());
    expect(items.map((i) => i.status)).toEqual(["written", "written"]);
    for (const written of items) {
      expect(read(written.path).brief).toBe(true);
      expect(read(written.path).language).toBe("bg");
    }
  });

  it("writes a German text capture of an English-language outlet as de, with a warning", async () => {
    const input = join(tempDir("de-"), "de.txt");
    writeFileSync(
      input,
      [
        "Bundesregierung erhöht den Mindestlohn",
        "",
        "22.03.2024",
        "",
        "Die Bundesregierung hat am Dienstag angekündigt, den Mindestlohn im kommenden Jahr zu erhöhen. Zuvor hatten Gewerkschaften und Arbeitgeber monatelang verhandelt.",
        "",
        "Die Gewerkschaften begrüßten die Entscheidung, warnten aber, dass die Erhöhung die gestiegenen Preise für Lebensmittel und Energie nicht ausgleiche.",
        "",
        "Die Arbeitgeber erklärten, die höheren Kosten seien vor allem für kleine Betriebe in strukturschwachen Regionen schwer zu tragen.",
      ].join("\n"),
    );
    const [item] = (await ingestInputs([input], { ...options(), source: "moscow-times" })).items;
    expect(item?.status).toBe("written");
    expect(read(item?.path).language).toBe("de");
    expect(item?.warnings.join("\n")).toMatch(
      /declared language "en" does not match the text; detected "de"/,
    );
  });
});
