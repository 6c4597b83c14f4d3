import Foundation
import TestSupport
import Testing

/// Prints a page in headless Chromium through WebDriver and tells, for every link, what the
/// printed page shows of it: its text and what print style puts after it. It also saves the
/// page as a PDF, as a reader would, and gives its size.
private let printScript = """
  import json, sys
  from selenium import webdriver
  from selenium.webdriver.chrome.options import Options
  from selenium.webdriver.chrome.service import Service
  options = Options()
  for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
      options.add_argument(argument)
  driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
  try:
      driver.get("file://" + sys.argv[1])
      driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
      links = driver.execute_script('''
        return [...document.querySelectorAll("a[href]")].map(a => ({
          href: a.getAttribute("href"), text: a.innerText,
          after: getComputedStyle(a, "::after").content,
          shown: a.getClientRects().length > 0}));''')
      closed = driver.execute_script('return document.querySelectorAll("details:not([open])").length')
      pdf = driver.print_page()
      print(json.dumps({"links": links, "closed": closed, "pdf": len(pdf)}))
  finally:
      driver.quit()
  """

@Suite struct BrowserTests {
  /// A printed report shows every link's address: as its text, or after it.
  @Test func aPrintedReportShowsEveryLinkAsItsURL() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "datasets=closed", "model-card=open", "--evidence",
          "datasets=https://ai.meta.com/llama/license/", "--evidence",
          "model-card=https://huggingface.co/meta-llama/Llama-2-7b", "--note",
          "datasets=not released",
        ]
      ).requireSuccess()
      try workspace.reviewAs(
        "bob",
        [
          "score", "llama2", "datasets=restricted", "--evidence",
          "datasets=doi:10.48550/arXiv.2307.09288",
        ]
      ).requireSuccess()
      try workspace.review(["report", "llama2", "--format", "html", "-o", "report.html"])
        .requireSuccess()
      try workspace.write("print.py", printScript)
      let printed = try run(
        testPython, ["print.py", workspace.root + "/report.html"], in: workspace.root,
        environment: workspace.environment)
      #expect(printed.status == 0, "\(printed.stderr)")
      let result = try #require(
        try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
      let links = try #require(result["links"] as? [[String: Any]])
      let hrefs = links.compactMap { $0["href"] as? String }
      for url in [
        "https://ai.meta.com/llama/license/", "https://huggingface.co/meta-llama/Llama-2-7b",
      ] {
        #expect(hrefs.contains(url), "\(url) is not linked")
      }
      // A DOI links to its resolver and reads as itself.
      #expect(
        links.contains {
          $0["href"] as? String == "https://doi.org/10.48550/arXiv.2307.09288"
            && $0["text"] as? String == "doi:10.48550/arXiv.2307.09288"
        })
      for link in links {
        let href = link["href"] as? String ?? ""
        let text = link["text"] as? String ?? ""
        let after = link["after"] as? String ?? ""
        #expect(link["shown"] as? Bool == true, "\(href) is hidden in print")
        #expect(
          text == href || after.contains(href),
          "\(href) prints as '\(text)\(after == "none" ? "" : after)'")
      }
      // Every judgement is open in print, and the page saves as a PDF.
      #expect(result["closed"] as? Int == 0)
      #expect((result["pdf"] as? Int ?? 0) > 1000)
    }
  }
}
