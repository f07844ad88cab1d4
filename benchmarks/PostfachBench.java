import de.servicekonto.crypto.AssociatedData;
import de.servicekonto.crypto.ContentCipher;
import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.KekRing;
import de.servicekonto.crypto.KeyOwner;
import de.servicekonto.crypto.WrappedDataKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfach benchmark of benchmarks/postfach.sh (run as a single-file program with the crypto jar and the database's
 * JDBC driver, H2 or PostgreSQL, on the class path). Against a running Servicekonto server:
 * <ol>
 *   <li>creates an authority (organization), a citizen and a Fachverfahren client through the admin API, and sends one
 *       message through the Postfach API, which creates both mailboxes and their data keys;</li>
 *   <li>seeds SEED messages straight into the authority's inbox through a second JDBC connection (H2 AUTO_SERVER or
 *       PostgreSQL),
 *       each with subject, body and sender name encrypted exactly as the server does (the authority's data key,
 *       unwrapped with the realm's key-encryption key from the vault file);</li>
 *   <li>measures inbox pages (first page, pages deep in the folder by cursor), a bounded search with and without
 *       matches, the folder counts, and sending.</li>
 * </ol>
 * Usage: java -cp crypto.jar:driver.jar PostfachBench.java BASE ADMIN_USER ADMIN_PASSWORD VAULT_FILE DB_URL DB_USER
 * DB_PASSWORD SEED PAGES SENDS; or PostfachBench.java reference BASE REALM ADMIN_USER ADMIN_PASSWORD COUNT for the
 * reference calls; or PostfachBench.java console BASE ADMIN_USER ADMIN_PASSWORD VAULT_FILE DB_URL DB_USER DB_PASSWORD
 * SEED CITIZEN_PASSWORD to seed the citizen's inbox for benchmarks/console.sh; or PostfachBench.java h2-at-rest DB_URL
 * DB_USER DB_PASSWORD FILE ROWS for the size of a stopped server's H2 file.
 */
public class PostfachBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * Calls of each kind made and not counted before a phase measures (env {@code SK_BENCH_WARMUP}, default 300): the
     * server is fresh when the phases begin (the seeding bypassed it), and without this the JIT's first minutes land in
     * the measured tail. Stock Keycloak's reference calls get the same.
     */
    private static final int WARM_UP = Integer.parseInt(System.getenv().getOrDefault("SK_BENCH_WARMUP", "300"));
    private static String base;
    private static String adminToken;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("reference")) {
            reference(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]));
            return;
        }
        if (args.length > 0 && args[0].equals("h2-at-rest")) {
            h2AtRest(args[1], args[2], args[3], Path.of(args[4]), Long.parseLong(args[5]));
            return;
        }
        if (args.length > 0 && args[0].equals("console")) {
            console(args[1], args[2], args[3], args[4], args[5], args[6], args[7], Integer.parseInt(args[8]), args[9]);
            return;
        }
        base = args[0];
        adminToken = adminToken(args[1], args[2]);
        KekRing ring = KekRing.parse(Files.readString(Path.of(args[3])));
        String dbUrl = args[4];
        int seed = Integer.parseInt(args[7]);
        int pages = Integer.parseInt(args[8]);
        int sends = Integer.parseInt(args[9]);

        Setup setup = setUp(dbUrl, args[5], args[6], null);
        String realmId = setup.realmId();
        String authority = setup.authority();
        String citizen = setup.citizen();
        String token = clientToken();
        String mailboxes = base + "/realms/servicekonto/postfach/mailboxes/" + authority;
        String sendBody = "{\"to\":{\"kind\":\"user\",\"id\":\"" + citizen + "\"},\"subject\":\"Bescheid\",\"body\":\"Text\"}";

        phase("seeding");
        long seedStart = System.nanoTime();
        String middleCursor = null;
        try (Connection db = DriverManager.getConnection(dbUrl, args[5], args[6])) {
            String authorityMailbox = single(db, "select ID from SK_PF_MAILBOX where OWNER_KIND='AUTHORITY' and OWNER_ID=?", authority);
            String wrapped = single(db, "select WRAPPED from SK_PF_DATA_KEY where REALM_ID=? and OWNER_ID=?", realmId, "a:" + authority);
            String owner = "a:" + authority;
            DataKey key = WrappedDataKey.fromBase64(wrapped).unwrap(ring, new KeyOwner(realmId, owner));
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("insert into SK_PF_MESSAGE (ID, REALM_ID, MAILBOX_ID,"
                    + " MESSAGE_REF, THREAD_ID, FOLDER, DIRECTION, SENDER_KIND, SENDER_ID, RECIPIENT_KIND, RECIPIENT_ID,"
                    + " SENDER_NAME_ENC, SUBJECT_ENC, BODY_ENC, CREATED_AT, MIN_LOA, NOTICE, ATTACHMENTS, CONTENT_FORMAT)"
                    + " values (?,?,?,?,?,'INBOX','IN','USER',?,'AUTHORITY',?,?,?,?,?,1,false,0,2)")) {
                long start = System.currentTimeMillis() - seed * 1000L;
                for (int i = 0; i < seed; i++) {
                    String id = UUID.randomUUID().toString();
                    insert.setString(1, id);
                    insert.setString(2, realmId);
                    insert.setString(3, authorityMailbox);
                    insert.setString(4, UUID.randomUUID().toString());
                    insert.setString(5, id);
                    insert.setString(6, citizen);
                    insert.setString(7, authority);
                    insert.setString(8, encrypt(key, "Bea Bench", realmId, owner, id, authorityMailbox, "senderName"));
                    insert.setString(9, encrypt(key, "Antrag Nr. " + i, realmId, owner, id, authorityMailbox, "subject"));
                    insert.setString(10, encrypt(key, "Sehr geehrte Damen und Herren, anbei mein Antrag Nr. " + i
                            + ". Mit freundlichen Grüßen", realmId, owner, id, authorityMailbox, "body"));
                    // One message a second into the past, so the newest seeded one is the oldest measured page's top.
                    insert.setLong(11, start + i * 1000L);
                    if (i == seed / 2) {
                        // A cursor half-way down the folder, in the API's format (base64url of "createdAt:id").
                        middleCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                                ((start + i * 1000L) + ":" + id).getBytes(StandardCharsets.US_ASCII));
                    }
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        db.commit();
                    }
                    if (i % 100_000 == 99_999) {
                        System.out.printf("seeded %d messages (%.0f s)%n", i + 1, (System.nanoTime() - seedStart) / 1e9);
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            // The rest of the realm: other mailboxes with messages of their own (a tenth of the seed, 100 mailboxes), so
            // the measured mailbox is one among many in the tables and indexes.
            int others = 100;
            int extra = seed / 10;
            try (PreparedStatement box = db.prepareStatement("insert into SK_PF_MAILBOX (ID, REALM_ID, OWNER_KIND, OWNER_ID,"
                    + " CREATED_AT) values (?,?,'USER',?,?)");
                 PreparedStatement insert = db.prepareStatement("insert into SK_PF_MESSAGE (ID, REALM_ID, MAILBOX_ID,"
                    + " MESSAGE_REF, THREAD_ID, FOLDER, DIRECTION, SENDER_KIND, SENDER_ID, RECIPIENT_KIND, RECIPIENT_ID,"
                    + " SENDER_NAME_ENC, SUBJECT_ENC, BODY_ENC, CREATED_AT, MIN_LOA, NOTICE, ATTACHMENTS, CONTENT_FORMAT)"
                    + " values (?,?,?,?,?,'INBOX','IN','AUTHORITY',?,'USER',?,?,?,?,?,1,false,0,2)")) {
                List<String> boxes = new ArrayList<>();
                for (int b = 0; b < others; b++) {
                    String id = UUID.randomUUID().toString();
                    box.setString(1, id);
                    box.setString(2, realmId);
                    box.setString(3, UUID.randomUUID().toString());
                    box.setLong(4, System.currentTimeMillis());
                    box.executeUpdate();
                    boxes.add(id);
                }
                long start = System.currentTimeMillis() - extra * 1000L;
                for (int i = 0; i < extra; i++) {
                    String id = UUID.randomUUID().toString();
                    insert.setString(1, id);
                    insert.setString(2, realmId);
                    insert.setString(3, boxes.get(i % others));
                    insert.setString(4, UUID.randomUUID().toString());
                    insert.setString(5, id);
                    insert.setString(6, authority);
                    insert.setString(7, citizen);
                    // Noise that is never read: encrypted like the rest, so the rows have the real size.
                    insert.setString(8, encrypt(key, "Bench-Amt", realmId, owner, id, boxes.get(i % others), "senderName"));
                    insert.setString(9, encrypt(key, "Bescheid Nr. " + i, realmId, owner, id, boxes.get(i % others), "subject"));
                    insert.setString(10, encrypt(key, "Sehr geehrte Frau Bench, anbei Ihr Bescheid Nr. " + i + ".",
                            realmId, owner, id, boxes.get(i % others), "body"));
                    insert.setLong(11, start + i * 1000L);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            try (PreparedStatement count = db.prepareStatement("select count(*) from SK_PF_MESSAGE")) {
                ResultSet rs = count.executeQuery();
                rs.next();
                System.out.printf("SK_PF_MESSAGE rows: %d (seeded %d into one authority inbox and %d into 100 other"
                                + " mailboxes in %.0f s)%n", rs.getLong(1), seed, seed / 10, (System.nanoTime() - seedStart) / 1e9);
            }
        }

        // Seeding outlasts an access token (5 min): a fresh one for the measurements, and one per phase.
        token = clientToken();
        phase("reading");
        // Warm-up, then the first page of a 1-M inbox, repeatedly.
        String firstPageToken = token;
        warmUp(WARM_UP, () -> expect(getResponse(mailboxes + "/messages?limit=20", firstPageToken), 200));
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            long t = System.nanoTime();
            expect(getResponse(mailboxes + "/messages?limit=20", token), 200);
            first.add(System.nanoTime() - t);
        }
        report("inbox first page (20 of " + seed + ")", first);

        // Walking back through the folder by cursor: each page costs the same however deep it is.
        token = clientToken();
        List<Long> deep = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            long t = System.nanoTime();
            HttpResponse<String> page = getResponse(mailboxes + "/messages?limit=20" + (cursor == null ? "" : "&cursor=" + cursor), token);
            deep.add(System.nanoTime() - t);
            expect(page, 200);
            if (i == 0 && !page.body().contains("\"subject\":\"Antrag Nr. ")) {
                // Seeded rows the server cannot decrypt are listed as locked: the figures would measure nothing real.
                throw new IllegalStateException("seeded messages do not decrypt: " + page.body().substring(0,
                        Math.min(300, page.body().length())));
            }
            Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(page.body());
            if (!next.find()) {
                break;
            }
            cursor = next.group(1);
        }
        report("inbox pages by cursor, 20 each, pages 1.." + deep.size(), deep);

        token = clientToken();
        List<Long> middle = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            long t = System.nanoTime();
            expect(getResponse(mailboxes + "/messages?limit=20&cursor=" + middleCursor, token), 200);
            middle.add(System.nanoTime() - t);
        }
        report("inbox page half-way down (after " + (seed / 2) + " newer messages)", middle);

        token = clientToken();
        List<Long> search = new ArrayList<>();
        for (int i = 0; i < Math.max(5, pages / 10); i++) {
            long t = System.nanoTime();
            expect(getResponse(mailboxes + "/messages?limit=20&q=" + URLEncoder.encode("Nr. 1", StandardCharsets.UTF_8), token), 200);
            search.add(System.nanoTime() - t);
        }
        report("search q (decrypts up to 500 per request)", search);

        // A search that matches nothing: the full bounded walk of 500 decryptions per request.
        token = clientToken();
        List<Long> miss = new ArrayList<>();
        for (int i = 0; i < Math.max(5, pages / 10); i++) {
            long t = System.nanoTime();
            expect(getResponse(mailboxes + "/messages?limit=20&q=" + URLEncoder.encode("kein Treffer", StandardCharsets.UTF_8), token), 200);
            miss.add(System.nanoTime() - t);
        }
        report("search q without a match (500 decrypted, then next cursor)", miss);

        phase("folders");
        // Folder totals and unread counts of the 1-M mailbox: an aggregate over the mailbox's index range.
        token = clientToken();
        String foldersToken = token;
        warmUp(WARM_UP / 10, () -> expect(getResponse(mailboxes + "/folders", foldersToken), 200));
        List<Long> folders = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            long t = System.nanoTime();
            expect(getResponse(mailboxes + "/folders", token), 200);
            folders.add(System.nanoTime() - t);
        }
        report("folders (totals and unread of " + seed + " messages)", folders);

        // The floor: the cheapest authenticated requests on the same server with the same kind of token, so a
        // Postfach figure can be read against what any request costs here before any Postfach work. The mailbox's
        // limits run the Postfach's whole path (token check, scope, mailbox and its authority) without reading
        // messages; Keycloak's userinfo runs its own bearer check (with a transient session for a session-less token).
        phase("floor");
        token = clientToken();
        List<Long> limits = new ArrayList<>();
        for (int i = 0; i < WARM_UP + pages; i++) {
            long t = System.nanoTime();
            expect(getResponse(mailboxes + "/limits", token), 200);
            if (i >= WARM_UP) {
                limits.add(System.nanoTime() - t);
            }
        }
        report("floor: mailbox limits (token check, mailbox, authority; no message read)", limits);
        String openidToken = json(post(base + "/realms/servicekonto/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=bench-fachverfahren"
                        + "&client_secret=bench-secret&scope=openid"), "access_token");
        String userinfo = base + "/realms/servicekonto/protocol/openid-connect/userinfo";
        List<Long> infos = new ArrayList<>();
        for (int i = 0; i < WARM_UP + pages; i++) {
            long t = System.nanoTime();
            expect(getResponse(userinfo, openidToken), 200);
            if (i >= WARM_UP) {
                infos.add(System.nanoTime() - t);
            }
        }
        report("floor: Keycloak userinfo, same client's token", infos);

        phase("send, sequential");
        String rowToken = clientToken();
        warmUp(WARM_UP / 3, () -> expect(postResponse(mailboxes + "/messages", rowToken, "application/json", sendBody), 201));
        concurrently("send (authority to citizen, 2 encrypted copies, no attachment), sequential", "send", sends, 1,
                () -> expect(postResponse(mailboxes + "/messages", rowToken, "application/json", sendBody), 201));

        // The same number of sends from 4 client threads at once (one Fachverfahren, one token): what the server does
        // with the requests of several Fachverfahren or of one that sends in parallel.
        phase("send, 4 concurrent senders");
        int senders = 4;
        String sendToken = clientToken();
        concurrently("send (authority to citizen, 2 encrypted copies, no attachment), " + senders + " concurrent senders",
                "send, " + senders + " concurrent senders", sends, senders,
                () -> expect(postResponse(mailboxes + "/messages", sendToken, "application/json", sendBody), 201));
        phase("end");
        try (Connection db = DriverManager.getConnection(dbUrl, args[5], args[6]);
             PreparedStatement count = db.prepareStatement("select count(*) from SK_PF_MESSAGE")) {
            ResultSet rs = count.executeQuery();
            rs.next();
            // postfach.sh divides the database's size by this number (bytes of database per stored message).
            System.out.printf("SK_PF_MESSAGE rows at the end: %d%n", rs.getLong(1));
        }
    }

    /**
     * The H2 file at rest, after the server has stopped: H2's MVStore writes every change to new pages at the end of the
     * file and keeps the superseded ones for its retention time (45 s), so right after heavy writing the file is mostly
     * old pages. Opening and closing the database once (as the next start of the server does) frees them and shortens
     * the file; {@code SHUTDOWN COMPACT} then rewrites it into a new, compressed file, the smallest it gets.
     */
    private static void h2AtRest(String url, String user, String password, Path file, long rows) throws Exception {
        System.out.printf("H2 file after the server stopped: %d MiB, %d bytes per stored message%n",
                Files.size(file) >> 20, Files.size(file) / rows);
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.isValid(1);
        }
        System.out.printf("H2 file after opening and closing it once: %d MiB, %d bytes per stored message%n",
                Files.size(file) >> 20, Files.size(file) / rows);
        try (Connection db = DriverManager.getConnection(url, user, password); java.sql.Statement st = db.createStatement()) {
            st.execute("SHUTDOWN COMPACT");
        }
        System.out.printf("H2 file after SHUTDOWN COMPACT (compressed): %d MiB, %d bytes per stored message%n",
                Files.size(file) >> 20, Files.size(file) / rows);
    }

    /** A line with the wall-clock time a phase starts, to cut a flight recording of the server by phase. */
    private static void phase(String name) {
        System.out.printf("phase %s at %s%n", name, java.time.Instant.now());
    }

    /**
     * The seeding of the console benchmark (benchmarks/console.sh): the setup above, with a password for the citizen
     * {@code bench-citizen}, then SEED messages from the authority straight into the citizen's inbox, encrypted under the
     * citizen's data key as the server writes them (content format 2, level niedrig, no notice, no attachment), one
     * second apart, the newest now. No measurement here: the browser measures the console's pages.
     */
    private static void console(String server, String adminUser, String adminPassword, String vaultFile, String dbUrl,
                                String dbUser, String dbPassword, int seed, String citizenPassword) throws Exception {
        base = server;
        adminToken = adminToken(adminUser, adminPassword);
        KekRing ring = KekRing.parse(Files.readString(Path.of(vaultFile)));
        Setup setup = setUp(dbUrl, dbUser, dbPassword, citizenPassword);
        String realmId = setup.realmId();
        long seedStart = System.nanoTime();
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            String mailbox = single(db, "select ID from SK_PF_MAILBOX where OWNER_KIND='USER' and OWNER_ID=?", setup.citizen());
            String owner = "u:" + setup.citizen();
            String wrapped = single(db, "select WRAPPED from SK_PF_DATA_KEY where REALM_ID=? and OWNER_ID=?", realmId, owner);
            DataKey key = WrappedDataKey.fromBase64(wrapped).unwrap(ring, new KeyOwner(realmId, owner));
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("insert into SK_PF_MESSAGE (ID, REALM_ID, MAILBOX_ID,"
                    + " MESSAGE_REF, THREAD_ID, FOLDER, DIRECTION, SENDER_KIND, SENDER_ID, RECIPIENT_KIND, RECIPIENT_ID,"
                    + " SENDER_NAME_ENC, SUBJECT_ENC, BODY_ENC, CREATED_AT, MIN_LOA, NOTICE, ATTACHMENTS, CONTENT_FORMAT)"
                    + " values (?,?,?,?,?,'INBOX','IN','AUTHORITY',?,'USER',?,?,?,?,?,1,false,0,2)")) {
                // The newest seeded message is newer than the one sent through the API, so it is the top of the inbox.
                long start = System.currentTimeMillis() - (seed - 1) * 1000L;
                for (int i = 0; i < seed; i++) {
                    String id = UUID.randomUUID().toString();
                    insert.setString(1, id);
                    insert.setString(2, realmId);
                    insert.setString(3, mailbox);
                    insert.setString(4, UUID.randomUUID().toString());
                    insert.setString(5, id);
                    insert.setString(6, setup.authority());
                    insert.setString(7, setup.citizen());
                    insert.setString(8, encrypt(key, "Bench-Amt", realmId, owner, id, mailbox, "senderName"));
                    insert.setString(9, encrypt(key, "Bescheid Nr. " + i, realmId, owner, id, mailbox, "subject"));
                    insert.setString(10, encrypt(key, "Sehr geehrte Frau Bench, anbei Ihr Bescheid Nr. " + i + ".",
                            realmId, owner, id, mailbox, "body"));
                    insert.setLong(11, start + i * 1000L);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            try (PreparedStatement count = db.prepareStatement("select count(*) from SK_PF_MESSAGE where MAILBOX_ID=?")) {
                count.setString(1, mailbox);
                ResultSet rs = count.executeQuery();
                rs.next();
                System.out.printf("seeded: %d messages in the inbox of bench-citizen (%d seeded in %.1f s)%n",
                        rs.getLong(1), seed, (System.nanoTime() - seedStart) / 1e9);
            }
        }
    }

    /**
     * For the drivers compiled together with this file (FailoverBench): the server the helpers below talk to, with a
     * fresh token of ADMIN_USER of the master realm.
     */
    static void use(String server, String adminUser, String adminPassword) throws Exception {
        base = server;
        adminToken = adminToken(adminUser, adminPassword);
    }

    private static String adminToken(String user, String password) throws Exception {
        return json(post(base + "/realms/master/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", "grant_type=password&client_id=admin-cli&username=" + user
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)), "access_token");
    }

    /** What {@link #setUp} created: the realm's id, the authority (organization id), the citizen and the client. */
    record Setup(String realmId, String authority, String citizen, String client) {
    }

    /**
     * Creates the Postfach scopes, an authority (an active authority account with the Fachverfahren client
     * {@code bench-fachverfahren} bound) and the citizen {@code bench-citizen} (with the password given, or none), and
     * sends one message from the authority to the citizen, which creates both mailboxes and their data keys.
     */
    static Setup setUp(String dbUrl, String dbUser, String dbPassword, String citizenPassword) throws Exception {
        String admin = base + "/admin/realms/servicekonto";
        String realmId = json(get(admin, adminToken), "id");
        for (String scope : List.of("postfach:read", "postfach:send")) {
            post(admin + "/client-scopes", adminToken, "application/json", "{\"name\":\"" + scope + "\",\"protocol\":"
                    + "\"openid-connect\",\"attributes\":{\"include.in.token.scope\":\"true\"},\"protocolMappers\":[{\"name\":"
                    + "\"aud\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
                    + "\"included.custom.audience\":\"postfach\",\"access.token.claim\":\"true\"}}]}");
        }
        String authority = created(postResponse(admin + "/organizations", adminToken, "application/json",
                "{\"name\":\"Bench-Amt\",\"alias\":\"bench-amt\",\"enabled\":true,\"domains\":[{\"name\":\"bench-amt.example.org\"}]}"));
        String citizen = created(postResponse(admin + "/users", adminToken, "application/json",
                "{\"username\":\"bench-citizen\",\"enabled\":true,\"firstName\":\"Bea\",\"lastName\":\"Bench\","
                        + "\"email\":\"bench@example.org\",\"emailVerified\":true,"
                        + "\"attributes\":{\"birthdate\":[\"1980-01-01\"],\"sk-postfach-notify\":[\"false\"]}"
                        + (citizenPassword == null ? "" : ",\"credentials\":[{\"type\":\"password\",\"value\":\""
                                + citizenPassword + "\",\"temporary\":false}]") + "}"));
        String client = created(postResponse(admin + "/clients", adminToken, "application/json",
                "{\"clientId\":\"bench-fachverfahren\",\"secret\":\"bench-secret\",\"publicClient\":false,"
                        + "\"standardFlowEnabled\":false,\"serviceAccountsEnabled\":true}"));
        // Seeding shortcut (a benchmark, not a test): the authority account as the review would leave it, active, with
        // the Fachverfahren bound; the tests go through the operator's review instead.
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            long now = System.currentTimeMillis();
            try (PreparedStatement account = db.prepareStatement("insert into SK_ORG_ACCOUNT (ORG_ID, REALM_ID, KIND,"
                    + " STREET, POSTAL_CODE, CITY, RESPONSIBLE_PERSON, AGENCY_KEY, STATUS, CREATED_BY, CREATED_AT, VERSION)"
                    + " values (?,?,'AUTHORITY','Rathausplatz 1','80331','München','Bench','09162000','ACTIVE','bench',?,0)");
                 PreparedStatement binding = db.prepareStatement("insert into SK_ORG_CLIENT (CLIENT_ID, REALM_ID, ORG_ID,"
                    + " BOUND_BY, BOUND_AT) values (?,?,?,'bench',?)")) {
                account.setString(1, authority);
                account.setString(2, realmId);
                account.setLong(3, now);
                account.executeUpdate();
                binding.setString(1, client);
                binding.setString(2, realmId);
                binding.setString(3, authority);
                binding.setLong(4, now);
                binding.executeUpdate();
            }
        }
        for (String scope : List.of("postfach:read", "postfach:send")) {
            String scopes = get(admin + "/client-scopes", adminToken);
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"name\":\"" + Pattern.quote(scope) + "\"").matcher(scopes);
            if (!m.find()) {
                throw new IllegalStateException("scope " + scope + " not found");
            }
            put(admin + "/clients/" + client + "/default-client-scopes/" + m.group(1), adminToken);
        }
        String mailboxes = base + "/realms/servicekonto/postfach/mailboxes/" + authority;
        expect(postResponse(mailboxes + "/messages", clientToken(), "application/json", "{\"to\":{\"kind\":\"user\","
                + "\"id\":\"" + citizen + "\"},\"subject\":\"Bescheid\",\"body\":\"Text\"}"), 201);
        return new Setup(realmId, authority, citizen, client);
    }

    /**
     * The reference, measured on stock Keycloak and on Servicekonto in the same run: Keycloak's own authenticated
     * page of 20 (admin REST {@code GET /admin/realms/{realm}/users?max=20}) and a client-credentials token grant,
     * the two Keycloak calls closest to an inbox page and to the token a Fachverfahren fetches.
     */
    private static void reference(String server, String realm, String adminUser, String adminPassword, int n) throws Exception {
        base = server;
        String admin = json(post(base + "/realms/master/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", "grant_type=password&client_id=admin-cli&username=" + adminUser
                        + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8)), "access_token");
        postResponse(base + "/admin/realms/" + realm + "/clients", admin, "application/json",
                "{\"clientId\":\"bench-reference\",\"secret\":\"bench-reference-secret\",\"publicClient\":false,"
                        + "\"standardFlowEnabled\":false,\"serviceAccountsEnabled\":true}");
        String grant = "grant_type=client_credentials&client_id=bench-reference&client_secret=bench-reference-secret";
        String tokenUri = base + "/realms/" + realm + "/protocol/openid-connect/token";
        warmUp(WARM_UP, () -> json(post(tokenUri, null, "application/x-www-form-urlencoded", grant), "access_token"));
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            json(post(tokenUri, null, "application/x-www-form-urlencoded", grant), "access_token");
            tokens.add(System.nanoTime() - t);
        }
        report("reference: client-credentials token grant", tokens);
        // The floor of any request on this server, for reading the Postfach's rates: Keycloak's cheapest
        // authenticated call (userinfo: its bearer check) and its discovery document (no authentication at all),
        // each in a row and from 4 client threads, as the Postfach's sends are measured.
        String openid = json(post(tokenUri, null, "application/x-www-form-urlencoded", grant + "&scope=openid"),
                "access_token");
        String userinfo = base + "/realms/" + realm + "/protocol/openid-connect/userinfo";
        String discovery = base + "/realms/" + realm + "/.well-known/openid-configuration";
        warmUp(WARM_UP, () -> {
            expect(getResponse(userinfo, openid), 200);
            expect(getResponse(discovery, null), 200);
        });
        concurrently("reference: userinfo (bearer check), in a row", "reference: userinfo, in a row", n, 1,
                () -> expect(getResponse(userinfo, openid), 200));
        concurrently("reference: userinfo (bearer check), 4 concurrent clients", "reference: userinfo, 4 concurrent clients",
                n, 4, () -> expect(getResponse(userinfo, openid), 200));
        concurrently("reference: discovery document (no authentication), in a row",
                "reference: discovery document, in a row", n, 1, () -> expect(getResponse(discovery, null), 200));
        concurrently("reference: discovery document (no authentication), 4 concurrent clients",
                "reference: discovery document, 4 concurrent clients", n, 4,
                () -> expect(getResponse(discovery, null), 200));
        // A fresh admin token: the master realm's tokens live one minute.
        admin = json(post(base + "/realms/master/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", "grant_type=password&client_id=admin-cli&username=" + adminUser
                        + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8)), "access_token");
        String warmAdmin = admin;
        warmUp(WARM_UP, () -> get(base + "/admin/realms/" + realm + "/users?max=20", warmAdmin));
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            get(base + "/admin/realms/" + realm + "/users?max=20", admin);
            users.add(System.nanoTime() - t);
        }
        report("reference: admin REST page of users (max 20)", users);
    }

    /** {@code n} calls in a row, not measured. */
    private static void warmUp(int n, Call call) throws Exception {
        for (int i = 0; i < n; i++) {
            call.run();
        }
    }

    /** A call of the benchmark that may throw, for {@link #concurrently}. */
    private interface Call {
        void run() throws Exception;
    }

    /**
     * {@code n} calls from {@code threads} client threads at once (1: in a row): prints the rate as "RATE_LABEL: N/s"
     * and the latencies under {@code label}.
     */
    private static void concurrently(String rateLabel, String label, int n, int threads, Call call) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    call.run();
                    latencies.add(System.nanoTime() - t);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : futures) {
                future.get();
            }
            System.out.printf("%s: %.1f/s%n", rateLabel, n / ((System.nanoTime() - start) / 1e9));
        } finally {
            pool.shutdown();
        }
        report(label, latencies);
    }

    private static String clientToken() throws Exception {
        return json(post(base + "/realms/servicekonto/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=bench-fachverfahren&client_secret=bench-secret"), "access_token");
    }

    /**
     * A value as the server writes it today: content format 2 of {@code MessageContentAad} (the benchmark runs with the
     * crypto jar only, so the associated data are spelled out here), for an ordinary message at niedrig (MIN_LOA 1).
     */
    private static String encrypt(DataKey key, String value, String realmId, String owner, String id, String mailbox,
                                  String field) {
        return ContentCipher.encryptString(key, value, AssociatedData.of("sk-postfach", realmId, owner, "message-v2", id,
                mailbox, "loa=1", "message", field));
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.95)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static String single(Connection db, String sql, String... params) throws Exception {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            ResultSet rs = st.executeQuery();
            if (!rs.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return rs.getString(1);
        }
    }

    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(field + " not in " + body);
        }
        return m.group(1);
    }

    private static String created(HttpResponse<String> response) {
        expect(response, 201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    private static String get(String uri, String bearer) throws Exception {
        HttpResponse<String> response = getResponse(uri, bearer);
        expect(response, 200);
        return response.body();
    }

    private static HttpResponse<String> getResponse(String uri, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String post(String uri, String bearer, String type, String body) throws Exception {
        return postResponse(uri, bearer, type, body).body();
    }

    private static HttpResponse<String> postResponse(String uri, String bearer, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void put(String uri, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + bearer)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(response, 204);
    }
}
