import { describe, expect, it } from "vitest";
import { type Language, loadTopics, type Topic } from "../../src/content/registry.ts";
import {
  BODY_ONLY_WORDS,
  compileTopics,
  findHits,
  LONG_BODY_WORDS,
  snippetAround,
  type TopicMatcher,
  tagArticle,
  tokenize,
} from "../../src/ingest/tag.ts";

const topics = loadTopics();
const matchers = compileTopics(topics);
const matcher = (id: string) => {
  const found = matchers.find((m) => m.id === id);
  if (!found) throw new Error(`no topic ${id}`);
  return found;
};
const forms = (text: string, id: string) => findHits(text, "body", matcher(id)).map((h) => h.form);
const tag = (title: string, body = "", summary = "") => tagArticle({ title, summary, body }, matchers);

describe("tokenize", () => {
  it("finds Cyrillic words, where JavaScript's \\b sees no boundary", () => {
    expect(/\bХарків\b/.test("у Харків.")).toBe(false); // the bug this tokenizer avoids
    expect(tokenize("у Харків, «Харкова»!").map((t) => t.word)).toEqual(["у", "харків", "харкова"]);
  });
  it("keeps apostrophes and hyphens inside words and unifies ’ to '", () => {
    expect(tokenize("Kharkiv’s call-up 2.0").map((t) => t.word)).toEqual(["kharkiv's", "call-up", "2", "0"]);
  });
  it("marks an opening quote, colon, dash or bracket before a word, which a phrase never spans", () => {
    const tokens = tokenize(
      "Toss 2020 Vote 'To Your Grave' – U.S. troops, Washington, D.C., a “partial” call-up",
    );
    expect(tokens.filter((t) => t.breakBefore).map((t) => t.word)).toEqual(["to", "u", "partial"]);
  });
  it("composes decomposed letters (и + ˘ is й), so a pasted word matches its registry form", () => {
    expect(tokenize("Харківськии\u0306")[0]?.word).toBe("харківський");
  });
});

// ── cases generated from the registry itself: every term and exclusion, every language ────────

/** Endings tried on a stem until the word is one the topic's terms match on their own. */
const ENDINGS = ["", "а", "и", "і", "у", "ия", "ія", "ии", "ої", "s", "e", "es", "ed", "ing", "ation"];

/** A word form the stem pattern declares (the stem itself, or the stem plus a common ending). */
function formsOf(word: string): string[] {
  return word.endsWith("*") ? ENDINGS.map((e) => word.slice(0, -1) + e) : [word];
}

/** The topic's first context word in the language (or English), as a word: what makes a non-standalone term count. */
function contextWord(topic: Topic, language: Language): string {
  const list = topic.requires?.terms[language] ?? topic.requires?.terms.en ?? [""];
  return (list[0] ?? "").replace(/\*/g, "");
}

const withoutExclusions = (m: TopicMatcher): TopicMatcher => ({ ...m, excludes: [] });
const hitCount = (text: string, m: TopicMatcher) => findHits(text, "body", m).length;

const termCases = topics.flatMap((topic) =>
  Object.entries(topic.terms).flatMap(([language, list]) =>
    (list ?? []).map((term) => ({
      id: topic.id,
      language: language as Language,
      term: term.term,
      standalone: term.standalone,
      // Each word as the stem itself: a stem always matches the word it spells.
      phrase: term.term.replace(/\*/g, ""),
      context: contextWord(topic, language as Language),
    })),
  ),
);

describe("every registry term matches as a whole word, in a sentence of its language", () => {
  it.each(termCases)("$id/$language: $term", ({ id, phrase, context, standalone }) => {
    const sentence = `«${phrase}», he said of the ${context}.`;
    const found = forms(sentence, id);
    expect(found.join(" ")).toContain(phrase.toLowerCase());
    // glued to other letters it is not the word any more: never a substring match
    expect(forms(`x${phrase}x, he said of the ${context}.`, id).join(" ")).not.toContain(
      phrase.toLowerCase(),
    );
    if (!standalone && matcher(id).requires)
      expect(forms(`«${phrase}», he said.`, id), "needs its context word").toEqual([]);
  });
});

const exclusionCases = topics.flatMap((topic) =>
  Object.entries(topic.exclude).flatMap(([language, list]) =>
    (list ?? []).map((phrase) => ({ id: topic.id, language: language as Language, phrase, topic })),
  ),
);

describe("every registry exclusion removes evidence that would otherwise count", () => {
  it.each(exclusionCases)("$id/$language: $phrase", ({ id, language, phrase, topic }) => {
    const m = matcher(id);
    const bare = withoutExclusions(m);
    // Expand each stem to a form the topic's terms match (if one does), as an operator would write it.
    const words = phrase.split(/\s+/).map((word) => {
      const options = formsOf(word);
      return options.find((f) => hitCount(`${contextWord(topic, language)} ${f}`, bare) > 0) ?? options[0];
    });
    const sentence = `${contextWord(topic, language)}: ${words.join(" ")}.`;
    expect(hitCount(sentence, bare), `"${sentence}" must be evidence without the exclusion`).toBeGreaterThan(
      0,
    );
    expect(findHits(sentence, "body", m).map((h) => h.form)).toEqual([]);
  });
});

// ── hand-written sentences: inflections and senses a careful reader tells apart ──────────────

describe("inflections and transliterations", () => {
  it.each([
    ["Харків", "kharkiv"],
    ["Харкова", "kharkiv"],
    ["Харкові", "kharkiv"],
    ["Харківщина", "kharkiv"],
    ["Харківщині", "kharkiv"],
    ["Харьков", "kharkiv"],
    ["Харькове", "kharkiv"],
    ["Харьковской", "kharkiv"],
    ["Kharkov", "kharkiv"],
    ["Kharkiv", "kharkiv"],
    ["Kharkiv’s", "kharkiv"],
  ])("%s is evidence for %s", (word, topic) => {
    expect(forms(`До ${word}, сказал он.`, topic)).toEqual([word.toLowerCase().replace("’", "'")]);
  });
  it.each([
    ["Армия объявила: мобилизация начнётся в мае.", "мобилизация"],
    ["Солдаты ждут новой мобилизации.", "мобилизации"],
    ["Армія готує нову хвилю: мобілізація триває.", "мобілізація"],
    ["Військо потребує мобілізації.", "мобілізації"],
    ["The army announced a new mobilization.", "mobilization"],
    ["Troops were mobilised overnight.", "mobilised"],
    ["Росію чекають вибори, кажуть у Кремлі.", "вибори"],
    ["В России прошли выборы.", "выборы"],
    ["Итоги выборов в России.", "выборов"],
    ["Russia's presidential election was a sham.", "presidential election"],
  ])("%s", (sentence, expected) => {
    const found = matchers.flatMap((m) => findHits(sentence, "body", m).map((h) => h.form));
    expect(found).toContain(expected);
  });
});

describe("matching", () => {
  it("matches whole tokens, never substrings", () => {
    expect(forms("The army: immobilization and remobilization", "mobilization")).toEqual([]);
    expect(forms("Kharkivites and subkharkiv", "kharkiv")).toEqual([]);
    expect(forms("Russia: selection and preelection", "elections")).toEqual([]);
    expect(forms("Россия: выборочно", "elections")).toEqual([]);
  });
  it("does not read выбор (a choice) as выборы (an election)", () => {
    expect(forms("В России у покупателя большой выбор.", "elections")).toEqual([]);
  });
  it("matches multi-word phrases and stems inside them, the longest first", () => {
    expect(
      forms("He got draft notices and went to the military enlistment offices.", "mobilization"),
    ).toEqual(["draft notices", "military enlistment offices"]);
    expect(forms("Призывники пришли в военкомат.", "mobilization")).toEqual(["призывники", "военкомат"]);
  });
});

describe("phrases across punctuation", () => {
  it("never match across a quote, colon or dash: an exclusion neither", () => {
    // "vote to" (a legislature voting to do something) is an exclusion; here the quote ends the phrase
    expect(forms("Bannon warns Pence over refusal to toss 2020 vote 'to your grave'", "elections")).toEqual([
      "vote",
    ]);
    expect(forms("The 2020 vote to change the rules", "elections")).toEqual([]);
  });
  it("still match across a closing quote, and full stops and commas inside names (U.S., D.C.)", () => {
    expect(forms("Putin announced a “partial” mobilization of reservists.", "mobilization")).toEqual([
      "partial mobilization",
      "reservists",
    ]);
  });
});

describe("how short news says it (issue 12): headline and lede", () => {
  it.each([
    ["Somalia gets new president", "Hassan Sheikh Mohamud has been elected president after a final vote."],
    ["Covid: Swiss vote on ending restrictions while cases surge", ""],
    ["Swiss reject plan to abolish COVID health pass: projection", ""],
    ["The Gambia votes for first time since fall of dictator", ""],
    ["As Sinema defends filibuster, progressives say 'Vote her the hell out'", ""],
    ["Kyrsten Sinema's new Republican friends aren't going to vote for her", ""],
    ["Stacey Abrams is running for Georgia governor in 2022", ""],
    ["Honduras gets its first female President as leftist Castro storms towards victory", ""],
    [
      "Historic win but Macron has polarised France",
      "Before the caveats, the scale of President Macron's achievement.",
    ],
  ])("%s: elections", (title, lede) => {
    expect(tag(title, "", lede).topics).toContain("elections");
  });
  it.each([
    ["Senators vote on ending restrictions", "a vote in a legislature"],
    ["Senate Democrats vote for the bill", "a vote in a legislature"],
    ["People in counties that voted Trump more likely to die from Covid – study", "where, not an election"],
    ["Trump purged the Pentagon leadership between the election and January 6", "a time reference"],
    ["Niger's democratically elected president detained by soldiers", "who someone is"],
    ["Florida governor rejects Thomas victory", "a result word alone (sport)"],
    ["Investors running for the exits as the president speaks", "running, not for an office"],
    ["Samantha and the great big lie", "a lie, with no election near"],
    ["President-elect Trump's fans mock a fact-checker", "a title"],
  ])("%s: not elections (%s)", (title) => {
    expect(tag(title).topics).not.toContain("elections");
  });
  it("tags civilians taking up arms as mobilization", () => {
    expect(tag("Rabbi leader in Kiev: Jews will take up arms against Putin").topics).toContain(
      "mobilization",
    );
  });
  // How the war years report call-ups, written from the topic's definition (the corpora predate them).
  it.each([
    ["Ukraine lowers the draft age to 25 as losses mount", ""],
    ["Men of fighting age barred from leaving the country", ""],
    ["Recruiters hand out draft summonses at a ski resort", ""],
    ["Soldiers demand demobilization after two years at the front", ""],
    ["ТЦК вручили повестки на блокпосту", ""],
    ["Парламент отклонил закон о демобилизации военных", "Военные, воюющие с 2022 года, остаются на фронте."],
    ["Строковиків не відправлятимуть на фронт", ""],
    ["Students lose their exemption from military service", ""],
    [
      "Уряд продовжив студентам відстрочки від армії",
      "Міністерство оборони пояснило, хто з військовозобов'язаних може її отримати.",
    ],
  ])("%s: mobilization", (title, lede) => {
    expect(tag(title, "", lede).topics).toContain("mobilization");
  });
  it.each([
    ["Banks extend loan deferments for small firms", "a loan's deferment"],
    ["Tech firms' recruiters turn to job fairs", "a firm's recruiters"],
    ["Veterans want their military service in the family photo", "a person's own service record"],
    ["Уряд продовжив відстрочки для позичальників", "a loan's deferral"],
  ])("%s: not mobilization (%s)", (title) => {
    expect(tag(title).topics).not.toContain("mobilization");
  });
  it.each([
    "Russian troops push towards Kupiansk",
    "Ukraine recaptures Balakliia and Izium",
    "Обстрел Волчанска: погибли двое",
  ])("tags the Kharkiv region's towns as kharkiv: %s", (title) => {
    expect(tag(title).topics).toContain("kharkiv");
  });
});

// ── the war years' news (issue 12) ─────────────────────────────────────────────────────────────
// The corpora end in mid-2022. These headlines are written for the test: one for each phrasing that
// real 2022-2026 items showed missing (five held-out sets, each measured with the registry frozen:
// issue 12's closing note, README Topics) and one for each false tag the registry must not make.
// Each row failed before the registry change it stands for.

/** [headline, lede, a topic it must have] */
const WAR_YEARS_TAGGED: [string, string, string][] = [
  // no military word: a country's mobilisation, its age, fleeing it, the lured, мобилизация alone
  ["Russia's mobilisation: What we know so far", "", "mobilization"],
  ["Zelensky signs law lowering mobilisation age", "", "mobilization"],
  ["Men aged 18 to 60 banned from leaving Ukraine", "", "mobilization"],
  ["Thousands of Russian men flee the draft", "", "mobilization"],
  ["Russian men queue at border to escape call-up", "", "mobilization"],
  ["Russians flee to Georgia to avoid being called up", "", "mobilization"],
  ["Nepalis lured into fighting for Russia", "", "mobilization"],
  ["Indian nationals duped into fighting for Russia", "", "mobilization"],
  ["Wagner recruiting convicts in Russian prisons", "", "mobilization"],
  ["Russian regions offer bonuses to volunteer soldiers", "", "mobilization"],
  ["Мобилизация в России: что известно", "", "mobilization"],
  ["В Украине снизили призывной возраст", "", "mobilization"],
  ["Мобілізація: що зміниться з новим законом", "", "mobilization"],
  ["Уряд знизив мобілізаційний вік", "", "mobilization"],
  // Russia's and Ukraine's presidents as context for weak election words; vote-rigging
  ["Putin wins record fifth term with 87% of vote", "", "elections"],
  ["Navalny supporters urged to vote at noon against Putin", "", "elections"],
  ["Nadezhdin submits signatures to run against Putin", "", "elections"],
  ["Vote-rigging claims mar count in Pakistan", "", "elections"],
  // the first set (226 items); a headline and its lede share required context
  ["Court tells government to start drafting seminary students into the army", "", "mobilization"],
  ["Haredi draft: what the ruling means for yeshivas", "", "mobilization"],
  ["Parliament debates bill to draft ultra-Orthodox men", "", "mobilization"],
  ["Families say relatives were made to fight after taking jobs abroad", "", "mobilization"],
  ["Agency accused of luring jobseekers into fighting for a foreign army", "", "mobilization"],
  ["Convict fighters come home after six months", "", "mobilization"],
  ["Nepali men who joined the Russian army ask to come home", "", "mobilization"],
  ["Military commissars detain a man outside a shopping centre", "", "mobilization"],
  ["Draft-eligible men line up at the border crossing", "", "mobilization"],
  ["Government mobilises more troops for the front", "", "mobilization"],
  ["Повістки вручатимуть у торгових центрах", "", "mobilization"],
  ["A year on", "Мобилизация в России началась ровно год назад.", "mobilization"],
  [
    "Court rules government must draft seminary students",
    "The ruling orders the army to enlist them.",
    "mobilization",
  ],
  ["Candidate concedes after caucus night upset", "", "elections"],
  ["Единый день голосования: что нужно знать", "", "elections"],
  ["Presidential winner's result annulled by top court", "", "elections"],
  ["A first for the country", "She has been elected as the country's first female president.", "elections"],
  ["Offensive stalls at the border", "Russia's push into the Kharkiv region has slowed.", "kharkiv"],
  // the second set (222 items)
  ["Wagner resumes recruitment of mercenaries for Africa", "", "mobilization"],
  ["Regions raise bonuses for contract soldiers", "", "mobilization"],
  ["Army begins arming civilians in the east", "", "mobilization"],
  ["Athletes who win gold earn a military exemption", "", "mobilization"],
  ["Government plans universal military training for men", "", "mobilization"],
  ["Cartel recruits teenagers through social media", "", "mobilization"],
  ["Военнообязанных задержали на границе", "", "mobilization"],
  ["Электронные повестки: как они работают", "", "mobilization"],
  ["Вручення повісток фіксуватимуть на камери", "", "mobilization"],
  ["Військовозобов'язаних зобов'язали оновити дані", "", "mobilization"],
  ["Жінок не мобілізуватимуть примусово, заявили в Силах оборони", "", "mobilization"],
  ["Missile hits Saltivka district", "", "kharkiv"],
  ["Ракета влучила по Салтівці", "", "kharkiv"],
  // the third set (199 items)
  ["Why thousands of soldiers are deserting", "", "mobilization"],
  ["Hundreds lured to Russia with job offers", "", "mobilization"],
  ["Paid military gap years for school leavers", "", "mobilization"],
  ["Parliament passes the Wehrdienst law", "", "mobilization"],
  ["Регион удвоил выплату при контракте на военную службу", "", "mobilization"],
  ["С ноября начнёт работать система электронных повесток", "", "mobilization"],
  ["Пригожин лично вербует наёмников", "", "mobilization"],
  ["Сербія повертає обов'язкову військову службу", "", "mobilization"],
  ["Уряд змінив порядок бронювання працівників", "", "mobilization"],
  ["Соратника Додона избрали мэром столицы", "", "elections"],
  ["В Абхазии выбрали президента", "", "elections"],
  ["Кандидата обрано мером Кишинева", "", "elections"],
  ["Синєгубов пообіцяв світло найближчим часом", "", "kharkiv"],
  // the fourth and fifth sets (182 and 161 items)
  ["How young men are lured into the Russian army", "", "mobilization"],
  ["The army faces a troop shortage as births fall", "", "mobilization"],
  ["Children forced into combat in the Sahel", "", "mobilization"],
  ["Prisoners recruited for the war say they were promised pardons", "", "mobilization"],
  ["Лишь четверть новобранцев в армии прошли подготовку", "", "mobilization"],
  ["Бундесвер разослал анкеты о военной службе", "", "mobilization"],
  ["Уряд змінює правила військової служби для студентів", "", "mobilization"],
  ["У Салтівському районі усувають наслідки обстрілу", "", "kharkiv"],
  ["Масований удар дронами по Лозовій", "", "kharkiv"],
  ["DR Congo: forced recruitment of young people in North Kivu", "", "mobilization"],
  ["Ukraine may cancel the deferral from mobilization for students", "", "mobilization"],
];

/** [headline, a topic it must not have, why] */
const WAR_YEARS_NOT: [string, string, string][] = [
  // no military word: a country's mobilisation, its age, fleeing it, the lured, мобилизация alone
  ["Ukraine mobilises humanitarian aid for frontline towns", "mobilization", "aid, not people"],
  ["Ukrainian refugees mobilise support in Poland", "mobilization", "support, not people"],
  ["Russia mobilises its economy for a long war", "mobilization", "an economy"],
  [
    "France: unions call new mobilisation against pension reform",
    "mobilization",
    "a protest, in no country the digest names",
  ],
  ["Prisoners recruited to fight wildfires in California", "mobilization", "firefighters"],
  ["NBA prospects avoid the draft lottery", "mobilization", "a sports draft"],
  ["Мобилизация экономики: Кремль меняет бюджет", "mobilization", "an economy"],
  ["Мобилизация сторонников оппозиции перед митингом", "mobilization", "supporters"],
  ["Мобілізація коштів на відбудову школи", "mobilization", "money"],
  // Russia's and Ukraine's presidents as context for weak election words; vote-rigging
  ["Putin's campaign in Ukraine stalls", "elections", "the war"],
  ["Zelensky calls for a vote in the UN Security Council", "elections", "a vote of states"],
  ["Zelensky's party votes to extend martial law", "elections", "a vote in a legislature"],
  ["Putin says Russia will win the war", "elections", "a war, not a vote"],
  // the first set (226 items); a headline and its lede share required context
  ["The defence ministry is drafting a new budget", "mobilization", "writing a text"],
  ["Свідку надіслали повістку до суду", "mobilization", "a court's summons"],
  ["Повістка дня сесії міськради", "mobilization", "an agenda"],
  ["Court rules on the draft", "mobilization", "no military word in headline or lede"],
  ["Putin's Victory Day parade scaled back", "elections", "a holiday"],
  ["MPs back bill in historic Commons vote", "elections", "a vote in a legislature"],
  ["Assembly closes its third electoral session", "elections", "a legislature's term"],
  // the second set (222 items)
  ["Armed civilians attack a convoy", "mobilization", "who someone is"],
  ["Политическая повестка саммита", "mobilization", "an agenda"],
  ["Судебная повестка пришла по почте", "mobilization", "a court's summons"],
  ["Switzerland wins the Eurovision Song Contest 2024", "elections", "a song contest"],
  // the fourth and fifth sets (182 and 161 items)
  ["Banks plan a recruitment drive for 50,000 staff", "mobilization", "hiring"],
  ["Nurses' union warns of a manpower shortage", "mobilization", "hiring"],
  ["Ветеран военной службы получил награду", "mobilization", "a veteran's past service"],
  ["Волонтеры призывают задонатить в честь освобожденных военных", "mobilization", "призывать: to urge"],
  ["Муниципальные выборы: новая патриотическая мобилизация", "mobilization", "a political mobilisation"],
  ["Як у Британії готують бійців-новобранців", "mobilization", "training recruits, no call-up"],
  ["Refugees mobilize support for soldiers' families", "mobilization", "support"],
  ["Tourists lured into a trap by fake tickets", "mobilization", "a trap"],
];

describe("how the war years' news says it (issue 12): headline and lede", () => {
  it.each(WAR_YEARS_TAGGED)("%s | %s: %s", (title, lede, topic) => {
    expect(tag(title, "", lede).topics).toContain(topic);
  });
  it.each(WAR_YEARS_NOT)("%s: not %s (%s)", (title, topic) => {
    expect(tag(title).topics).not.toContain(topic);
  });
  it.each([
    ["Избранный президент США встретился с советниками", "a title, like president-elect"],
    ["Deserted streets after the storm", "an empty place"],
  ])("%s: no topic at all (%s)", (title) => {
    expect(tag(title).topics).toEqual([]);
  });
});

describe("required context (co-occurrence)", () => {
  it("counts 'mobilization' only with a military word within the window", () => {
    expect(forms("The mobilization of volunteers for the festival.", "mobilization")).toEqual([]);
    expect(forms("The army began the mobilization of volunteers.", "mobilization")).toEqual(["mobilization"]);
    const far = `The army met. ${"Nothing else happened that day. ".repeat(10)}Then came mobilization.`;
    expect(forms(far, "mobilization")).toEqual([]);
  });
  it("counts standalone terms without context", () => {
    expect(forms("Reservists and conscripts.", "mobilization")).toEqual(["reservists", "conscripts"]);
    expect(forms("Повестки на столе.", "mobilization")).toEqual([]);
    expect(forms("Он пошёл в военкомат.", "mobilization")).toEqual(["военкомат"]);
  });
  it("counts election words anywhere, and weak ones (vote, campaign, candidate) only near an office or party", () => {
    expect(tag("Election day in Britain", "Voters went to the polls in the UK election.").topics).toEqual([
      "elections",
    ]);
    expect(
      tag("Russia's presidential election", "Putin won the election with 87% of the votes.").topics,
    ).toEqual(["elections"]);
    expect(forms("The vote was close.", "elections")).toEqual([]);
    expect(forms("The vote was close and the campaign long.", "elections")).toEqual(["vote", "campaign"]);
    expect(forms("The governor's campaign won the vote.", "elections")).toEqual(["campaign", "won", "vote"]);
    expect(tag("Vaccine candidate shows promise").topics).toEqual([]);
    expect(tag("Выборы в России", "ЦИК подвёл итоги голосования.").topics).toEqual(["elections"]);
    expect(tag("Вибори в Україні", "ЦВК оприлюднила результати виборів.").topics).toEqual(["elections"]);
  });
  it("never takes a term repeated as its own context: a forum's dates are not an election", () => {
    // "2024" is a weak election term ("Trump 2024") and a context word; a forum page dates every post.
    const forum =
      "raoul May 3, 2024. I installed 2024.5.0. anna Jul 18, 2024: same here. raoul Jul 19, 2024.";
    expect(forms(forum, "elections")).toEqual([]);
    expect(tag("Trump 2024 rally draws a crowd").topics).toEqual(["elections"]);
    // Other words around it still count: "vote … campaign".
    expect(forms("The vote was close and the vote was long.", "elections")).toEqual([]);
  });
});

describe("hyphenated compounds", () => {
  it("finds a term inside a compound, and keeps the compound's hyphen in the evidence", () => {
    expect(forms("Feds probe an Ohio election-data breach.", "elections")).toEqual(["election"]);
    expect(forms("The army's Kharkiv-based brigade.", "kharkiv")).toEqual(["kharkiv"]);
    expect(forms("She seeks re-election.", "elections")).toEqual(["seeks re-election"]);
    // a hyphenated term matches written with a space too, and counts once, not as its parts
    expect(forms("Her re election bid.", "elections")).toEqual(["re election"]);
    expect(forms("His re-election bid.", "elections")).toEqual(["re-election"]);
  });
  it("leaves the tokenizer's words whole: only the matcher reads the parts", () => {
    expect(tokenize("election-fraud").map((t) => t.word)).toEqual(["election-fraud"]);
  });
});

describe("exclusions (false friends)", () => {
  it.each([
    ["Parties mobilize voters before the war", "mobilization"],
    ["A resource mobilization plan for the army", "mobilization"],
    ["The military studied the mobilization of the immune system", "mobilization"],
    ["Shops on Kharkiv Street", "kharkiv"],
    ["Армия: мобилизация избирателей началась", "mobilization"],
    ["Армия: повестка дня совещания", "mobilization"],
    ["Кафе на Харьковской улице", "kharkiv"],
    ["Кав'ярня на вулиці Харківській", "kharkiv"],
    ["Russia: the election to the board follows", "elections"],
  ])("%s gives no evidence for %s", (title, topic) => {
    expect(forms(title, topic)).toEqual([]);
    expect(tag(title).topics).not.toContain(topic);
  });
  it("take their words out of the context too", () => {
    // "win" is weak: it counts near a vote, but a union vote is no election vote
    const text = "Amazon workers win a union vote.";
    expect(findHits(text, "body", withoutExclusions(matcher("elections"))).map((h) => h.form)).toContain(
      "win",
    );
    expect(forms(text, "elections")).toEqual([]);
    expect(forms("Amazon workers win a vote.", "elections")).toEqual(["win"]);
  });
  it("removes only the words they cover", () => {
    expect(
      forms("Resource mobilization is not the army's mobilization of reservists", "mobilization"),
    ).toEqual(["mobilization", "reservists"]);
  });
});

describe("tagArticle", () => {
  it("scores field weight (title 3, summary 2, body 1) × term weight against each topic's threshold", () => {
    expect(tag("Army mobilization").evidence.mobilization?.score).toBe(3);
    expect(tag("News", "", "Army mobilization").topics).not.toContain("mobilization"); // 2 < 3
    expect(tag("News", "Army mobilization", "Army mobilization").evidence.mobilization?.score).toBe(3);
    expect(tag("News", "Kharkiv. Kharkiv.").topics).toEqual([]); // 2 < 3
    expect(tag("News", "Partial mobilization.").evidence.mobilization).toBeUndefined(); // 2 < 3
    expect(
      tag("News", "Partial mobilization, then a general mobilization.").evidence.mobilization?.score,
    ).toBe(4);
    // "vote" weighs half: a Duma vote on a law is not an election
    expect(tag("Russia's Duma votes", "The Duma vote in Russia.").evidence.elections).toBeUndefined();
  });
  it("scales body hits down in bodies longer than LONG_BODY_WORDS", () => {
    const filler = "Nothing about the city here. ".repeat(Math.ceil(LONG_BODY_WORDS / 5));
    expect(tag("News", `Kharkiv. Kharkiv. Kharkiv. ${filler}`).topics).toEqual([]);
    expect(tag("News", "Kharkiv. Kharkiv. Kharkiv.").evidence.kharkiv?.score).toBe(3);
    expect(tag("Kharkiv", filler).evidence.kharkiv?.score).toBe(3); // the title is not scaled
  });
  it("takes a topic named only in the body of a longer story for background (BODY_ONLY_WORDS)", () => {
    const passage = "The trade deal could help his re-election chances with voters. ";
    const filler = "Tariffs on soybeans and steel were discussed at length by the negotiators. ".repeat(
      Math.ceil(BODY_ONLY_WORDS / 12),
    );
    // 4.5 points in a short story: tagged; the same words across a story of 300+ words: background
    expect(tag("News", passage, "").evidence.elections?.score).toBe(3);
    expect(tag("News", `${passage}${filler}`).topics).not.toContain("elections");
    // all through the text (about one point per 90 words), the body alone still makes the topic
    const throughout = `${passage}${filler}`
      .repeat(3)
      .replace(/negotiators\./g, "negotiators before the election.");
    expect(tag("News", throughout).topics).toContain("elections");
    // named in the headline, the topic's body hits count in full up to LONG_BODY_WORDS
    expect(tag("Election talk", `${passage}${filler}`).evidence.elections?.score).toBe(7.5);
  });
  it("explains each tag with counted terms and a snippet around the strongest match", () => {
    const result = tag("Kharkiv under fire", "Shelling hit Kharkiv again. Харкова residents fled Kharkiv.");
    expect(result.topics).toEqual(["kharkiv"]);
    expect(result.evidence.kharkiv).toEqual({
      score: 6,
      terms: [
        { term: "kharkiv", count: 3 },
        { term: "харкова", count: 1 },
      ],
      snippet: "Kharkiv under fire",
    });
  });
  it("takes the snippet from the hit worth most points", () => {
    const body =
      "Talk of mobilization near the front line. Later, a partial mobilization was declared by decree.";
    expect(tag("News", body).evidence.mobilization?.snippet).toContain("partial mobilization was declared");
  });
  it("is deterministic", () => {
    const text = "Мобилизация в армию в Харькове и выборы в России: Kharkiv mobilization";
    expect(tag(text, text)).toEqual(tag(text, text));
    expect(tagArticle({ title: text, summary: "", body: text }, compileTopics(topics))).toEqual(
      tag(text, text),
    );
  });
  it("cuts snippets at spaces and marks the cut", () => {
    const text = `${"word ".repeat(30)}Kharkiv${" word".repeat(30)}`;
    const start = text.indexOf("Kharkiv");
    const snippet = snippetAround(text, start, start + 7);
    expect(snippet).toMatch(/^…word .* word…$/);
    expect(snippet).toContain("Kharkiv");
  });
});
