package de.servicekonto.it.support;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mails the test server sent to GreenMail. */
public final class Mails {

    private static final Pattern ACTION_LINK = Pattern.compile("(http://[^\\s\"<>]+/login-actions/action-token\\?[^\\s\"<>]+)");

    private Mails() {
    }

    /** The e-mails GreenMail received for {@code address}, in order of arrival. */
    public static List<MimeMessage> to(ServicekontoServer server, String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage message : server.mail().getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                out.add(message);
            }
        }
        return out;
    }

    /** The e-mails for {@code address} once there are at least {@code count} (or after 20 s, whatever there are). */
    public static List<MimeMessage> await(ServicekontoServer server, String address, int count) throws Exception {
        return await(server, address, count, Duration.ofSeconds(20));
    }

    /** The e-mails for {@code address} once there are at least {@code count} (or after {@code timeout}). */
    public static List<MimeMessage> await(ServicekontoServer server, String address, int count, Duration timeout)
            throws Exception {
        return Poll.until(timeout, () -> to(server, address), mails -> mails.size() >= count);
    }

    /** The e-mail confirmation link sent to {@code address}, waiting up to 20 s for the mail. */
    public static URI confirmationLink(ServicekontoServer server, String address) throws Exception {
        URI link = Poll.until(Duration.ofSeconds(20), () -> confirmationLinkIn(to(server, address)),
                found -> found != null);
        if (link == null) {
            throw new AssertionError("no confirmation mail to " + address);
        }
        return link;
    }

    /** The decoded HTML part of a mail (Keycloak sends text and HTML as multipart/alternative); empty if none. */
    public static String html(MimeMessage message) throws Exception {
        String found = htmlIn(message.getContent());
        return found == null ? "" : found;
    }

    private static String htmlIn(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                String found = part.isMimeType("text/html") ? (String) part.getContent() : htmlIn(part.getContent());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static URI confirmationLinkIn(List<MimeMessage> mails) {
        for (MimeMessage message : mails) {
            String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(message)
                    .replace("=\r\n", "").replace("=3D", "=").replace("&amp;", "&");
            Matcher matcher = ACTION_LINK.matcher(body);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
        }
        return null;
    }
}
