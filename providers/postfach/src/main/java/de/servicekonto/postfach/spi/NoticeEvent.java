package de.servicekonto.postfach.spi;

/**
 * One piece of evidence about a notice: {@value #NOTIFIED} (its e-mail accepted by a mail server) or
 * {@value #RETRIEVED} (its content first opened by the recipient). The first of a type stays.
 */
public record NoticeEvent(String noticeId, String type, long time) {

    public static final String NOTIFIED = "NOTIFIED";
    public static final String RETRIEVED = "RETRIEVED";
}
