import { describe, expect, it } from "vitest";
import { detectLanguage, resolveLanguage } from "../../src/ingest/language.ts";

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
