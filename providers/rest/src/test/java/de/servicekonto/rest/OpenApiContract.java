package de.servicekonto.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a hand-written OpenAPI document against the JAX-RS resource it describes, for the per-module contract tests
 * (shared as this module's test jar):
 * <ul>
 *   <li>every resource method (class and method {@code @Path}, HTTP method annotation, sub-resource locators followed)
 *       is documented under the same path and method, and every documented path and method is implemented; path
 *       parameter names do not count ({@code {id}} equals {@code {box}});</li>
 *   <li>every stable error code the module's sources answer with is named in the document, and the status it is
 *       answered with is among the document's responses.</li>
 * </ul>
 * The error codes are read from the source text (the only place they are written down): {@code new
 * <Exception>(status, "code"…)} (string literals of a conditional count each; a constant is looked up in the
 * sources), the factories of {@link ApiException} called on any of the exception types ({@code invalid},
 * {@code unauthorized}, {@code notFound}, {@code forbidden("code"…)}, {@code stepUp}), and the resources' helpers
 * {@code error(status, "code"…)} and {@code error(Response.Status.X, "code"…)}. {@link #sharedPlumbing()}, {@link #jsonBodies()},
 * {@link #queryParams()} and {@link #writes()} add what the shared request runner and body reader of this module answer. A code computed at run
 * time from elsewhere is not seen.
 *
 * <p>The document is read line by line in the layout all of {@code docs/api} uses (block style: a path at two spaces
 * under {@code paths:}, its methods at four, response statuses quoted): a path written otherwise is not seen and so
 * reported as missing, never silently accepted.
 */
public final class OpenApiContract {

    private static final Set<Class<? extends Annotation>> HTTP_METHODS =
            Set.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class, OPTIONS.class);
    private static final Pattern DOC_PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern DOC_METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
    private static final Pattern DOC_STATUS = Pattern.compile("^\\s+'(\\d{3})':");
    private static final Pattern STATUS_CONSTANT = Pattern.compile("Response\\.Status\\.([A-Z_]+)");

    private final java.nio.file.Path document;
    private final String mount;
    private final List<Class<?>> resources = new ArrayList<>();
    private final List<java.nio.file.Path> sources = new ArrayList<>();
    private final List<String> exceptionTypes = new ArrayList<>();
    private final List<java.nio.file.Path> excluded = new ArrayList<>();
    private final Map<String, Set<Integer>> answeredElsewhere = new HashMap<>();

    private OpenApiContract(java.nio.file.Path document, String mount) {
        this.document = document;
        this.mount = mount;
    }

    /**
     * @param document the OpenAPI document
     * @param mount what the document's paths carry before the resource's own {@code @Path}s: {@code ""} when the
     *              document's server URL already ends in the resource's mount point, else e.g. {@code "/sk-account"}
     */
    public static OpenApiContract of(java.nio.file.Path document, String mount) {
        return new OpenApiContract(document, mount);
    }

    public OpenApiContract resource(Class<?> resource) {
        resources.add(resource);
        return this;
    }

    /** Java sources (files, or directories walked) whose error codes the resources can answer with. */
    public OpenApiContract errorsFrom(java.nio.file.Path source, String... exceptionTypes) {
        sources.add(source);
        this.exceptionTypes.addAll(List.of(exceptionTypes));
        return this;
    }

    /** A source among those of {@link #errorsFrom} whose codes no request to these resources can get. */
    public OpenApiContract excluding(java.nio.file.Path source) {
        excluded.add(source.normalize());
        return this;
    }

    /**
     * The resources run on this module's {@link RequestRunner}: an unexpected failure is answered with 500
     * {@code server_error} and a log reference, whatever the operation.
     */
    public OpenApiContract sharedPlumbing() {
        return alsoAnswers(500, "server_error");
    }

    /**
     * The resources read JSON bodies with {@link JsonBody}: its codes (unreadable or mistyped body, oversize body) count
     * as the resources' own. Read from its source beside the calling module ({@code ../rest/src/main/java}).
     */
    public OpenApiContract jsonBodies() {
        sources.add(java.nio.file.Path.of("../rest/src/main/java/de/servicekonto/rest/JsonBody.java"));
        if (!exceptionTypes.contains("ApiException")) {
            exceptionTypes.add("ApiException");
        }
        return this;
    }

    /**
     * The resources read bounded numbers from the query with {@link QueryParams}: its refusal (400
     * {@code invalid_request}) counts as the resources' own. Read from its source beside the calling module.
     */
    public OpenApiContract queryParams() {
        sources.add(java.nio.file.Path.of("../rest/src/main/java/de/servicekonto/rest/QueryParams.java"));
        if (!exceptionTypes.contains("ApiException")) {
            exceptionTypes.add("ApiException");
        }
        return this;
    }

    /**
     * The resources write through the store: {@link RequestRunner} answers a write that collides with another (a
     * unique key, a concurrent change) with 409 {@code conflict} and an object that vanished meanwhile with 404
     * {@code not_found}.
     */
    public OpenApiContract writes() {
        return alsoAnswers(409, "conflict").alsoAnswers(404, "not_found");
    }

    /** A code answered for these resources by code outside the sources read (e.g. a filter of another module). */
    public OpenApiContract alsoAnswers(int status, String code) {
        answeredElsewhere.computeIfAbsent(code, c -> new TreeSet<>()).add(status);
        return this;
    }

    /** Fails with every disagreement, each naming the operation or code and the document. */
    public void verify() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AssertionError(document + " disagrees with the code:\n  " + String.join("\n  ", problems));
        }
    }

    /** The disagreements, empty when the document and the code agree. */
    public List<String> problems() {
        List<String> lines = read(document);
        Set<String> documented = documentedOperations(lines);
        Set<String> implemented = new TreeSet<>();
        for (Class<?> resource : resources) {
            walk(resource, mount + "/" + path(resource.getAnnotation(Path.class)), implemented, 0);
        }
        List<String> problems = new ArrayList<>();
        for (String operation : implemented) {
            if (!documented.contains(normalised(operation))) {
                problems.add("undocumented operation " + operation);
            }
        }
        Set<String> implementedNormalised = new TreeSet<>();
        implemented.forEach(operation -> implementedNormalised.add(normalised(operation)));
        for (String operation : documented) {
            if (!implementedNormalised.contains(operation)) {
                problems.add("documented operation not implemented: " + operation);
            }
        }
        String text = String.join("\n", lines);
        Set<Integer> statuses = new TreeSet<>();
        lines.stream().map(DOC_STATUS::matcher).filter(Matcher::find).forEach(m -> statuses.add(Integer.parseInt(m.group(1))));
        Map<String, Set<Integer>> codes = errorCodes();
        answeredElsewhere.forEach((code, s) -> codes.computeIfAbsent(code, c -> new TreeSet<>()).addAll(s));
        codes.forEach((code, codeStatuses) -> {
            if (!Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(code) + "(?![A-Za-z0-9_])").matcher(text).find()) {
                problems.add("error code " + code + " (" + codeStatuses + ") is not named in the document");
            }
            for (int status : codeStatuses) {
                if (!statuses.contains(status)) {
                    problems.add("status " + status + " of error code " + code + " is among no operation's responses");
                }
            }
        });
        return problems;
    }

    /** Error code to the statuses it is answered with, as written in the sources. */
    public Map<String, Set<Integer>> errorCodes() {
        String source = String.join("\n", sources.stream().flatMap(OpenApiContract::javaFiles)
                .filter(f -> excluded.stream().noneMatch(f.normalize()::startsWith)).flatMap(f -> read(f).stream()).toList());
        Map<String, Set<Integer>> codes = new HashMap<>();
        List<Pattern> throwers = new ArrayList<>();
        for (String type : exceptionTypes) {
            throwers.add(Pattern.compile("new\\s+" + Pattern.quote(type) + "\\(\\s*([^,]+?)\\s*,\\s*([^,]+)"));
        }
        throwers.add(Pattern.compile("\\berror\\(\\s*([^,()]+?)\\s*,\\s*(\"[^\"]*\")"));
        for (String type : exceptionTypes) {
            factories(type, source, codes);
        }
        for (Pattern thrower : throwers) {
            Matcher m = thrower.matcher(source);
            while (m.find()) {
                Integer status = status(m.group(1));
                if (status == null) {
                    continue; // a status passed through (e.g. error(e.status(), e.code(), …)): counted where thrown
                }
                for (String code : codes(m.group(2), source)) {
                    codes.computeIfAbsent(code, c -> new TreeSet<>()).add(status);
                }
            }
        }
        return codes;
    }

    /** The codes of {@link ApiException}'s factories called as {@code type.factory(…)}. */
    private static void factories(String type, String source, Map<String, Set<Integer>> codes) {
        Map<String, Map.Entry<Integer, String>> fixed = Map.of(
                "invalid", Map.entry(400, "invalid_request"),
                "unauthorized", Map.entry(401, "unauthorized"),
                "notFound", Map.entry(404, "not_found"),
                "stepUp", Map.entry(401, ApiException.STEP_UP_REQUIRED));
        Matcher call = Pattern.compile("\\b" + Pattern.quote(type) + "\\.(invalid|unauthorized|notFound|stepUp)\\(").matcher(source);
        while (call.find()) {
            Map.Entry<Integer, String> answer = fixed.get(call.group(1));
            codes.computeIfAbsent(answer.getValue(), c -> new TreeSet<>()).add(answer.getKey());
        }
        Matcher forbidden = Pattern.compile("\\b" + Pattern.quote(type) + "\\.forbidden\\(\\s*([^,]+)").matcher(source);
        while (forbidden.find()) {
            for (String code : codes(forbidden.group(1), source)) {
                codes.computeIfAbsent(code, c -> new TreeSet<>()).add(403);
            }
        }
    }

    private static Integer status(String expression) {
        if (expression.matches("\\d{3}")) {
            return Integer.parseInt(expression);
        }
        Matcher constant = STATUS_CONSTANT.matcher(expression);
        return constant.matches() ? Response.Status.valueOf(constant.group(1)).getStatusCode() : null;
    }

    private static List<String> codes(String expression, String source) {
        List<String> codes = new ArrayList<>();
        Matcher literal = Pattern.compile("\"([a-z][a-z0-9_]*)\"").matcher(expression);
        while (literal.find()) {
            codes.add(literal.group(1));
        }
        if (codes.isEmpty() && expression.strip().matches("[A-Z][A-Z0-9_]*")) {
            Matcher constant = Pattern.compile("\\b" + expression.strip() + "\\s*=\\s*\"([a-z][a-z0-9_]*)\"").matcher(source);
            if (constant.find()) {
                codes.add(constant.group(1));
            }
        }
        return codes;
    }

    private static void walk(Class<?> type, String prefix, Set<String> operations, int depth) {
        if (depth > 5) {
            return;
        }
        for (Method method : type.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String full = path == null ? prefix : join(prefix, path(path));
            List<String> verbs = Stream.of(method.getAnnotations()).map(Annotation::annotationType)
                    .filter(HTTP_METHODS::contains).map(a -> a.getSimpleName().toLowerCase(Locale.ROOT)).toList();
            if (!verbs.isEmpty()) {
                verbs.forEach(verb -> operations.add(verb.toUpperCase(Locale.ROOT) + " " + full));
            } else if (path != null) {
                walk(method.getReturnType(), full, operations, depth + 1); // sub-resource locator
            }
        }
    }

    private static String path(Path path) {
        return path == null ? "" : path.value().replaceAll("^/+|/+$", "");
    }

    private static String join(String prefix, String path) {
        String joined = path.isEmpty() ? prefix : prefix.replaceAll("/+$", "") + "/" + path;
        return joined.isEmpty() ? "/" : joined;
    }

    /** "GET /a/{box}/b/{id: .+}" becomes "GET /a/{}/b/{}". */
    static String normalised(String operation) {
        return operation.replaceAll("\\{[^}]*}", "{}");
    }

    private static Set<String> documentedOperations(List<String> lines) {
        Set<String> operations = new TreeSet<>();
        boolean inPaths = false;
        String path = null;
        for (String line : lines) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inPaths = line.startsWith("paths:");
                path = null;
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher p = DOC_PATH.matcher(line);
            Matcher m = DOC_METHOD.matcher(line);
            if (p.matches()) {
                path = p.group(1);
            } else if (m.matches() && path != null) {
                operations.add(normalised(m.group(1).toUpperCase(Locale.ROOT) + " " + path));
            }
        }
        return operations;
    }

    private static Stream<java.nio.file.Path> javaFiles(java.nio.file.Path source) {
        try {
            return Files.isDirectory(source)
                    ? Files.walk(source).filter(f -> f.toString().endsWith(".java")).sorted().toList().stream()
                    : Stream.of(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(java.nio.file.Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
