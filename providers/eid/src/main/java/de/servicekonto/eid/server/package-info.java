/**
 * The service provider's client for an eID-Server (BSI TR-03130-1): {@code useID} opens an eID session and hands out
 * the pre-shared key for the TC Token, {@code getResult} fetches the data read from the ID card.
 *
 * <p>The package depends on the JDK only ({@code java.net.http}, {@code javax.net.ssl}, StAX), so it can be tested
 * without a Keycloak server. {@link de.servicekonto.eid.server.SoapEidServerClient} speaks SOAP 1.1 over mutual TLS;
 * messages are written and read by small package-private classes with hard size limits and without DTD support.
 */
package de.servicekonto.eid.server;
