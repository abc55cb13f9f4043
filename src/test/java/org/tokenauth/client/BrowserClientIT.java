package org.tokenauth.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tokenauth.support.AccountsClient;
import org.tokenauth.support.Api;
import org.tokenauth.support.TestServers;

/**
 * The demo client in {@code src/demo-client}, in a real headless Chromium, against the deployed WAR.
 * The client is served from a second origin on loopback (same host, another port), the one that
 * {@code tokenauth.cors.allowed-origins} lists; a third origin, not listed, must be refused by the
 * browser.
 */
class BrowserClientIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CLIENT_DIR = Path.of("src/demo-client").toAbsolutePath().normalize();
    private static final Path SCREENSHOT = Path.of("target/demo-client-logged-in.png");
    /** Short, so that the client's automatic refresh (at 80 % of it) happens during the test. */
    private static final int ACCESS_TTL_SECONDS = 8;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The port of the origin the API grants, and of one it does not; chosen before the server starts. */
    private static int allowedPort;
    private static int refusedPort;

    private static HttpServer allowedOrigin;
    private static HttpServer refusedOrigin;
    private static Path profile;
    private static WebDriver driver;
    private static WebDriverWait wait;

    private static URL base;

    @BeforeAll
    static void startBrowserAndOrigins() throws IOException {
        // skipped, not failed, where there is no browser: .ci/run installs one, so CI always runs it
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "BrowserClientIT skipped: it needs Debian's chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                        + " (sudo apt-get install -y chromium chromium-driver; .ci/run installs them)");
        try (ServerSocket a = new ServerSocket(0, 1, loopback()); ServerSocket b = new ServerSocket(0, 1, loopback())) {
            allowedPort = a.getLocalPort();
            refusedPort = b.getLocalPort();
        }
        base = TestServers.shared(Map.of(
                "tokenauth.cors.allowed-origins", origin(allowedPort),
                "tokenauth.jwt.access-ttl", String.valueOf(ACCESS_TTL_SECONDS))).base();
        allowedOrigin = serveClient(allowedPort);
        refusedOrigin = serveClient(refusedPort);

        // the driver is given explicitly, so Selenium Manager never looks for (or downloads) one
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("token-auth-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1000,1200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
    }

    @AfterAll
    static void stopBrowserAndOrigins() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        for (HttpServer server : new HttpServer[] {allowedOrigin, refusedOrigin}) {
            if (server != null) {
                server.stop(0);
            }
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void registersLogsInRefreshesManagesApiTokensAndLogsOut() throws IOException {
        open(allowedPort);
        assertEquals(apiBase(), field("api-base").getAttribute("value"), "the API base comes from ?api=");

        String username = Api.uniqueName("browser");
        type("username", username);
        type("email", username + "@example.com");
        type("password", Api.PASSWORD);
        click("register");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Registered " + username));
        assertNoError();

        click("login");
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "logged-in"));
        assertEquals("Logged in as " + username, text("status"));
        JsonObject me = waitForMe(json -> true);
        assertEquals(username, me.getString("username"));
        assertEquals("jwt", me.getJsonObject("auth").getString("method"));
        String sessionId = me.getJsonObject("auth").getString("session_id");
        String firstExpiry = me.getJsonObject("auth").getString("expires_at");
        assertEquals("", field("password").getAttribute("value"), "the password is not kept in the form");
        assertEquals("0", text("refresh-count"));
        String firstLocalExpiry = text("access-expires");

        // the client refreshes by itself at 80 % of expires_in, and keeps using the new pair
        new WebDriverWait(driver, Duration.ofSeconds(ACCESS_TTL_SECONDS * 5L))
                .until(d -> text("refresh-count").matches("[1-9]\\d*"));
        assertNoError();
        assertNotEquals(firstLocalExpiry, text("access-expires"), "the displayed expiry follows the new access token");
        click("load-me");
        me = waitForMe(json -> !json.getJsonObject("auth").getString("expires_at").equals(firstExpiry));
        assertEquals(username, me.getString("username"));
        assertEquals("jwt", me.getJsonObject("auth").getString("method"));
        assertEquals(sessionId, me.getJsonObject("auth").getString("session_id"), "a refresh stays in its login session");
        assertNoError();

        // an API token: shown once, listed by prefix, usable, then revoked
        type("token-name", "browser laptop");
        click("create-token");
        wait.until(d -> text("new-token").startsWith("tka_"));
        String secret = text("new-token");
        WebElement item = wait.until(d -> tokenItem("browser laptop"));
        assertTrue(item.getText().contains(secret.substring(0, 12)), item.getText());
        assertFalse(driver.findElement(By.id("token-list")).getText().contains(secret), "the list never shows the token");
        Api api = new Api(base);
        Api.Reply withToken = api.accounts().me(Api.token(secret));
        assertEquals(200, withToken.status(), withToken.toString());
        assertEquals(username, withToken.json().getString("username"));
        assertNoError();

        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
        assertTrue(Files.size(SCREENSHOT) > 0, "screenshot saved");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(SCREENSHOT), 4));

        String tokenId = item.getAttribute("data-id");
        item.findElement(By.className("revoke")).click();
        wait.until(d -> d.findElements(By.cssSelector("#token-list li[data-id='" + tokenId + "']")).isEmpty());
        assertNoError();
        Api.Reply revoked = api.accounts().me(Api.token(secret));
        assertEquals(401, revoked.status(), "a revoked token is refused: " + revoked);

        // log out: the server answered 204 (else #error would show it), and the page forgot everything
        click("logout");
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "logged-out"));
        assertEquals("Logged out", text("status"));
        assertNoError();
        assertFalse(field("session").isDisplayed());
        assertFalse(field("tokens").isDisplayed());
        assertEquals("", field("me").getAttribute("textContent"));
        assertTrue(field("login").isDisplayed(), "the login form is back");
        assertEquals("You have logged out.", text("notice"));
    }

    @Test
    void aClientOnAnOriginThatIsNotAllowedIsRefusedByTheBrowser() {
        Api api = new Api(base);
        String username = Api.uniqueName("refused");
        api.register(username); // the credentials are right: only the origin is wrong

        open(refusedPort);
        type("username", username);
        type("password", Api.PASSWORD);
        click("login");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        String message = error.getText();
        assertTrue(message.contains("refused"), message);
        assertTrue(message.contains("CORS"), message);
        assertTrue(message.contains(origin(refusedPort)), message);
        assertEquals("logged-out", field("status").getAttribute("data-state"));
        assertFalse(field("session").isDisplayed());
        assertEquals("", field("me").getAttribute("textContent"), "no /api/me data");

        // it is the CORS policy that refuses: the preflight from this origin is denied, the allowed one's granted
        Api.Reply denied = preflight(api, origin(refusedPort));
        assertEquals(403, denied.status(), denied.toString());
        assertTrue(denied.header("Access-Control-Allow-Origin").isEmpty(), denied.headers().toString());
        Api.Reply granted = preflight(api, origin(allowedPort));
        assertEquals(204, granted.status(), granted.toString());
        assertEquals(List.of(origin(allowedPort)), granted.headers().allValues("Access-Control-Allow-Origin"));
    }

    // ---- helpers ----

    private String apiBase() {
        return "http://127.0.0.1:" + base.getPort() + "/";
    }

    private void open(int originPort) {
        driver.get(origin(originPort) + "/index.html?api=" + URLEncoder.encode(apiBase(), UTF_8));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    }

    private static WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    private static String text(String id) {
        return field(id).getText();
    }

    private static void type(String id, String value) {
        WebElement input = field(id);
        input.clear();
        input.sendKeys(value);
    }

    private static void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private static void assertNoError() {
        WebElement error = field("error");
        assertFalse(error.isDisplayed(), () -> "the page shows an error: " + error.getText());
    }

    /** Waits until #me holds JSON that satisfies {@code condition}, and returns it. */
    private static JsonObject waitForMe(java.util.function.Predicate<JsonObject> condition) {
        return wait.until(d -> {
            String shown = field("me").getAttribute("textContent");
            if (shown == null || shown.isBlank()) {
                return null;
            }
            JsonObject json = Json.createReader(new StringReader(shown)).readObject();
            return condition.test(json) ? json : null;
        });
    }

    private static WebElement tokenItem(String name) {
        return driver.findElements(By.cssSelector("#token-list li")).stream()
                .filter(li -> li.getText().startsWith(name + ":")).findFirst().orElse(null);
    }

    private static Api.Reply preflight(Api api, String origin) {
        return api.options(AccountsClient.ME, "Origin", origin, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
    }

    private static String origin(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName("127.0.0.1");
    }

    /** A static file server for {@code src/demo-client}, on 127.0.0.1 only. */
    private static HttpServer serveClient(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback(), port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                Path file = CLIENT_DIR.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
                if (!"GET".equals(exchange.getRequestMethod()) || !file.startsWith(CLIENT_DIR) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().set("Content-Type", contentType(file));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
