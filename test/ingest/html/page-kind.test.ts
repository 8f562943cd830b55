import { expect, it } from "vitest";
import { readHtmlFile } from "../../../scripts/eval/corpora.ts";
import { extractHtml } from "../../../src/ingest/html/extract.ts";
import { describeWithShared, sharedPath } from "../../helpers/shared.ts";

/**
 * The page kind on real pages (src/ingest/html/page-kind.ts): news articles are published, however
 * heavy the menus and link cards around them; front pages, Q&A threads and listings are held. The
 * aggregate figures (WCXB's page types) are pinned in corpora-quality.test.ts; these are the cases
 * each rule exists for.
 */

const aeb = (prefix: string) => {
  const dir = sharedPath("corpora", "aeb", "html");
  return readHtmlFile(`${dir}/${prefix}.html.gz`);
};
const wcxb = (id: string) => readHtmlFile(sharedPath("corpora", "wcxb-dev", "html", `${id}.html.gz`));

describeWithShared("page kind on real pages", ["corpora", "aeb", "html"], () => {
  it.each([
    // Text in <div>s and <br>s, no metadata at all: the extracted prose decides.
    ["0ec95c7261d122f304728e90c983450ef1ce1e0b423546835c397d50aaf0d0f2", "entermedia.co.kr, div-and-br text"],
    // Declared, dated and signed, under many product cards.
    ["287e4d9f4af31733aad6534aefb2bd00fb344ec8d6ebf1ac99dbc4d762da0ca4", "ign.com deals post"],
    // Declared in microdata (NewsArticle), heavy navigation.
    ["d605bdef2cde7308a9f2fbd1484d4a9c3da0167177245d346da61e455f42208d", "cnn.com market brief"],
    ["e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090", "jpost.com breaking news brief"],
    [
      "c4a3637c6696f238cf9fe1c7fbb17bbb6731a71d4f5fe399b9b4fc3294a96a6b",
      "gto-normativy.ru, microdata Article",
    ],
    // Dated and signed, short paragraphs in separate blocks.
    ["a860fb5eda1ac75df3bc95ba096ade649fdbb1bb566adb9fee3cb13e59f37604", "vortexcannon.org post"],
    // A column with a comments section marked up as UserComments.
    ["1f765c48780665e89cc3af1f7c9af47876e9fae9b5be4a936b0649e10f5e3198", "sputniknews.com column"],
  ])("publishes AEB %s (%s)", (sha, _what) => {
    expect(extractHtml(aeb(sha)).pageKind).toBe("article");
  });
});

describeWithShared("page kind on real non-articles", ["corpora", "wcxb-dev", "html"], () => {
  it("holds a site's front page as a listing (arstechnica.com, WCXB 2968; the canonical URL says so)", () => {
    expect(extractHtml(wcxb("2968")).pageKind).toBe("listing");
  });

  it("holds Q&A threads marked up as QAPage in microdata (superuser.com, cooking.stackexchange.com)", () => {
    expect(extractHtml(wcxb("0565")).pageKind).toBe("forum");
    expect(extractHtml(wcxb("0172")).pageKind).toBe("forum");
  });

  it("a FAQ block (FAQPage's Question/Answer nodes) does not make an article a forum (WCXB 0286)", () => {
    expect(extractHtml(wcxb("0286")).pageKind).toBe("article");
  });

  it("holds a service page by its address (qburst.com /services/, WCXB 0715)", () => {
    expect(extractHtml(wcxb("0715")).pageKind).toBe("other");
  });

  it("holds reference documentation by its code samples (docs.python.org, WCXB 0666)", () => {
    expect(extractHtml(wcxb("0666")).pageKind).toBe("other");
  });

  it("holds a landing page: calls to action among short sections (mailchimp.com /features/email/, WCXB 0694)", () => {
    expect(extractHtml(wcxb("0694")).pageKind).toBe("other");
  });

  it("holds a CollectionPage that also says og:type article (seriouseats.com, WCXB 2974)", () => {
    expect(extractHtml(wcxb("2974")).pageKind).toBe("listing");
  });
});

describeWithShared(
  "page kind on real articles that the old rules held",
  ["corpora", "wcxb-dev", "html"],
  () => {
    it("publishes a page under heavy menus: links counted outside the menus (hrsa.gov, WCXB 0251)", () => {
      expect(extractHtml(wcxb("0251")).pageKind).toBe("article");
    });

    it("publishes a review whose comment section has forum markup (btod.com, WCXB 4787)", () => {
      expect(extractHtml(wcxb("4787")).pageKind).toBe("article");
    });
  },
);
