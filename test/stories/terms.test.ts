import { describe, expect, it } from "vitest";
import { containment, isNearDuplicate, shinglesOf } from "../../src/stories/near-duplicates.ts";
import { headlineCore, normaliseAliases, termsOf, wordsOf } from "../../src/stories/terms.ts";

const terms = (text: string, aliases = new Map<string, string>()) =>
  termsOf(text, normaliseAliases(aliases)).map((t) => t.term);

describe("story terms", () => {
  it("drops function words in en, ru and uk and cuts words to a common stem", () => {
    expect(terms("The lawsuits of the Astroworld victims")).toEqual(["lawsui", "astrow", "victim"]);
    expect(terms("Lawsuit filed over Astroworld")).toEqual(["lawsui", "filed", "astrow"]);
    expect(terms("Удар по Харкову и по Киеву")).toEqual(["удар", "харков", "киеву"]);
  });

  it("keeps numbers whole, with thousands separators removed, but not the digits of a word", () => {
    expect(terms("Jobless claims fall to 199,000; $750 million for 7.3-magnitude quake")).toEqual([
      "#199000",
      "#750",
      "#7.3",
      "jobles",
      "claims",
      "fall",
      "millio",
      "magnit",
      "quake",
    ]);
    expect(terms("COVID-19 cases in G7 countries")).toEqual(["covid-", "cases", "g7", "countr"]);
  });

  it("maps name forms of any language to one key through the alias table, phrases first", () => {
    const aliases = new Map([
      ["Харків", "kharkiv"],
      ["Kharkiv", "kharkiv"],
      ["New York", "new-york"],
    ]);
    expect(terms("Харків", aliases)).toEqual(terms("Kharkiv", aliases));
    expect(terms("New York police", aliases)).toEqual(["=new-york", "police"]);
  });

  it("drops short platform and site labels after a headline but keeps subtitles and attributions", () => {
    expect(headlineCore("Peacemaker | Official Trailer | HBO Max")).toBe("Peacemaker");
    expect(headlineCore("Barbados becomes world's newest republic | CBC News")).toBe(
      "Barbados becomes world's newest republic",
    );
    expect(headlineCore("Poll finds voters split | A majority say the economy matters most this year")).toBe(
      "Poll finds voters split | A majority say the economy matters most this year",
    );
    expect(headlineCore("Обстріл Харкова: четверо загиблих — Синєгубов")).toBe(
      "Обстріл Харкова: четверо загиблих — Синєгубов",
    );
  });
});

describe("near-duplicate texts", () => {
  const text = (s: string) => shinglesOf(wordsOf(s));
  const wire =
    "Jury selection began on Monday in the sex-trafficking trial of Ghislaine Maxwell in a federal court in New York";

  it("finds the same text whatever was added around it", () => {
    expect(isNearDuplicate(text(wire), text(`EXCLUSIVE: ${wire}. More follows.`))).toBe(true);
    expect(containment(text(wire), text(wire))).toBe(1);
  });

  it("does not take two reports in their own words, or two short headlines, for one text", () => {
    expect(
      isNearDuplicate(
        text(wire),
        text("Ghislaine Maxwell's trial opened in Manhattan on Monday with the selection of the jury"),
      ),
    ).toBe(false);
    expect(isNearDuplicate(text("Sondheim dies at 91"), text("Sondheim dies at 91"))).toBe(false);
  });
});
