package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in a real browser: Debian's chromium, headless, driven by Selenium through
 * chromedriver ({@code .ci/chromium.sh} installs both; nothing is downloaded). It types a query,
 * sees hits with dates and leg ranks, switches to deep mode, sees graph hits with their linked
 * entities, toggles the graph leg off and on, sees the jobs and the latest benchmark, and saves a
 * screenshot to {@code server/target/web-page.png}.
 */
class WebPageTest {

  static final String SKIP_ENV = "QUARRY_SKIP_BROWSER";
  static final Path SCREENSHOT = Path.of("target", "web-page.png");

  @TempDir Path data;
  @TempDir Path runs;
  @TempDir Path profile;

  private static String binary(String env, String fallback) {
    String v = System.getenv(env);
    if (v != null && !v.isBlank()) {
      return v;
    }
    return Files.isExecutable(Path.of(fallback)) ? fallback : null;
  }

  private static WebDriver browser(Path profile) {
    assumeFalse("1".equals(System.getenv(SKIP_ENV)), SKIP_ENV + "=1");
    String chromium = binary("QUARRY_CHROMIUM", "/usr/bin/chromium");
    String driver = binary("QUARRY_CHROMEDRIVER", "/usr/bin/chromedriver");
    if (chromium == null || driver == null) {
      fail("no chromium or chromedriver: run .ci/chromium.sh (as root it installs Debian's chromium and"
          + " chromium-driver), set QUARRY_CHROMIUM and QUARRY_CHROMEDRIVER, or " + SKIP_ENV + "=1 to skip");
    }
    System.setProperty("webdriver.chrome.driver", driver); // Selenium Manager then downloads nothing
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  @Test
  void should_search_show_dates_and_leg_ranks_switch_to_deep_and_show_jobs_and_the_benchmark() throws Exception {
    Files.writeString(runs.resolve("0001.json"), "{\"started\": \"2026-11-30T10:00:00Z\", \"results\": ["
        + "{\"set\": \"old\", \"category\": \"factual\", \"mode\": \"fast\", \"ndcg@10\": 0.5, \"p50_ms\": 9.0}]}");
    Files.writeString(runs.resolve("0002.json"), "{\"started\": \"2026-12-01T10:00:00Z\", \"results\": ["
        + "{\"set\": \"scifact\", \"category\": \"factual\", \"mode\": \"fast\", \"ndcg@10\": 0.734, \"p50_ms\": 21.4}]}");
    // a graph this small runs its leg, so graph hits show their linked entities
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("web.bench_runs", runs.toString(),
        "graph.min_passages", "1"))) {
      assertEquals(202, api.post("/v1/ingest", ApiTest.DOCS).status());
      WebDriver browser = browser(profile);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(api.base + "/");
        assertEquals("Quarry", browser.getTitle());
        // the job finishes; the page polls and shows it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#jobs .state"), "succeeded"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "6 documents"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bench"), "scifact"));

        browser.findElement(By.id("q")).sendKeys("aspirin side effects");
        browser.findElement(By.id("go")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .hit .title"), 0));
        List<WebElement> hits = browser.findElements(By.cssSelector("#results .hit"));
        assertTrue(hits.size() >= 3, "hits: " + hits.size());
        WebElement top = hits.get(0);
        assertTrue(top.findElement(By.cssSelector(".title")).getText().contains("Aspirin"), top.getText());
        assertTrue(top.findElement(By.cssSelector(".date")).getText().matches("\\d{4}-\\d{2}-\\d{2}"), top.getText());
        String legs = top.findElement(By.cssSelector(".legs")).getText();
        assertTrue(legs.matches(".*(bm25|vector) #\\d+.*"), legs);
        assertTrue(browser.findElement(By.id("route")).getText().contains("fast"),
            browser.findElement(By.id("route")).getText());
        assertTrue(browser.findElements(By.cssSelector("#timings tr")).size() >= 3);

        new Select(browser.findElement(By.id("mode"))).selectByVisibleText("deep");
        browser.findElement(By.id("go")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("route"), "deep"));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .hit"), 0));
        assertTrue(browser.findElement(By.id("dropped")).getText().contains("rerank: disabled"),
            "the deep answer says why a stage did not run");

        // a question naming a document's subject: the graph leg runs, its hits show the entities
        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("Aspirin in children and Reye syndrome");
        browser.findElement(By.id("go")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .hit .entities"), 0));
        WebElement first = browser.findElements(By.cssSelector("#results .hit")).get(0);
        assertTrue(first.findElement(By.cssSelector(".legs")).getText().contains("graph #"), first.getText());
        String entities = first.findElement(By.cssSelector(".entities")).getText();
        assertTrue(entities.contains("Aspirin in children") && entities.contains("path:"), entities);

        // the graph toggle narrows the request to the other legs
        browser.findElement(By.id("graph")).click();
        browser.findElement(By.id("go")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dropped"), "graph: not_requested"));
        browser.findElements(By.cssSelector("#results .hit .legs"))
            .forEach(l -> assertFalse(l.getText().contains("graph"), l.getText()));
        browser.findElement(By.id("graph")).click();
        browser.findElement(By.id("go")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .hit .entities"), 0));

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of the page");
        System.out.println("screenshot: " + SCREENSHOT.toAbsolutePath());
      } finally {
        browser.quit();
      }
    }
  }
}
