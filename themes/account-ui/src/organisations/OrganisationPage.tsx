import { Page, useEnvironment } from "@keycloak/keycloak-account-ui";
import {
  ActionGroup,
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  List,
  ListItem,
  PageSection,
  Spinner,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { callJson, getJson } from "../api";
import { ActionError } from "./ActionError";
import { useOrganisation } from "./useOrganisation";
import {
  type Invitation,
  type Member,
  MEMBER_PAGE,
  type Organisation,
  organisationPath,
  personName,
} from "./organisations";

/**
 * One organisation or authority ("organisationen/:id"): its data, for an authority the review history, the members,
 * and for administrators the controls the API allows them (roles, removing, invitations, favourites). Members who
 * are no administrators see the same page read-only; the API refuses their changes in any case.
 */
export const OrganisationPage = () => {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useOrganisation(id);

  const title = state.kind === "loaded" ? state.organisation.name : t("skOrganisation");
  return (
    <Page title={title} description={t("skOrgDetailDescription")}>
      <p className="pf-v5-u-mb-md">
        <Link to=".." relative="path" id="sk-org-back">
          {t("skOrgBack")}
        </Link>
      </p>
      {state.kind === "loading" && <Spinner aria-label={t("skLoading")} />}
      {state.kind === "failed" && (
        <Alert variant="danger" isInline id="sk-org-error"
          title={state.status === 403 ? t("skOrgNotYours") : t("skOrganisationsFailed")}>
          {state.status === 403 ? null : t("skTryAgainLater")}
        </Alert>
      )}
      {state.kind === "loaded" && <Loaded organisation={state.organisation} />}
    </Page>
  );
};

const Loaded = ({ organisation }: { organisation: Organisation }) => {
  const { t } = useTranslation();
  const admin = organisation.role === "ADMIN";
  return (
    <>
      <Data organisation={organisation} />
      <p className="pf-v5-u-mb-xl">
        <Link to="dokumentensafe" id="sk-org-safe-link">
          {t("skOrgSafeOpen")}
        </Link>
      </p>
      {organisation.kind === "AUTHORITY" && <Review organisation={organisation} />}
      <Members organisation={organisation} />
      {admin && <Invitations organisation={organisation} />}
      <Favourites organisation={organisation} />
    </>
  );
};

const Section = ({ id, title, children }: { id: string; title: string; children: React.ReactNode }) => (
  <PageSection variant="light" padding={{ default: "noPadding" }} className="pf-v5-u-mb-xl" aria-labelledby={`${id}-title`}
    component="section" id={id}>
    <Title headingLevel="h2" id={`${id}-title`} className="pf-v5-u-mb-md">
      {title}
    </Title>
    {children}
  </PageSection>
);

const Data = ({ organisation: o }: { organisation: Organisation }) => {
  const { t } = useTranslation();
  const register = o.registerType && o.registerType !== "NONE"
    ? [t(`skOrgRegisterType${o.registerType}`), o.registerNumber, o.registerCourt].filter(Boolean).join(", ")
    : undefined;
  const rows: [string, string | undefined][] = [
    [t("skOrganisationColumnKind"), t(`skOrganisationKind${o.kind}`)],
    [t("skOrganisationColumnRole"), t(`skOrganisationRole${o.role}`)],
    [t("skOrgFieldLegalForm"), o.legalForm],
    [t("skOrgFieldRegister"), register],
    [t("skOrgFieldAgencyKey"), o.agencyKey],
    [t("skOrgFieldResponsiblePerson"), o.responsiblePerson],
    [t("skOrgFieldAddress"), [o.street, [o.postalCode, o.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")],
    [t("skOrgFieldContactEmail"), o.contactEmail],
    [t("skOrgFieldContactPhone"), o.contactPhone],
    [t("skOrganisationColumnStatus"), o.kind === "AUTHORITY" && o.status ? t(`skOrganisationStatus${o.status}`)
      : o.verified ? t("skOrganisationVerified") : t("skOrganisationNotVerified")],
  ];
  return (
    <Section id="sk-org-data" title={t("skOrgData")}>
      <DescriptionList isHorizontal isCompact>
        {rows.filter(([, value]) => value).map(([term, value]) => (
          <DescriptionListGroup key={term}>
            <DescriptionListTerm>{term}</DescriptionListTerm>
            <DescriptionListDescription>{value}</DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
    </Section>
  );
};

/** An authority's application: its state, whether it may act, and each decision of the operators with its reason. */
const Review = ({ organisation: o }: { organisation: Organisation }) => {
  const { t } = useTranslation();
  const time = useTimeFormat();
  return (
    <Section id="sk-org-review" title={t("skOrgReview")}>
      <p id="sk-org-review-status" className="pf-v5-u-mb-md">
        {t("skOrgReviewStatus", { status: o.status ? t(`skOrganisationStatus${o.status}`) : "–" })}{" "}
        {o.mayAct ? t("skOrgMayAct") : t("skOrgMayNotAct")}
      </p>
      <Table aria-label={t("skOrgReview")} id="sk-org-transitions" variant="compact">
        <Thead>
          <Tr>
            <Th modifier="wrap">{t("skOrgColumnDate")}</Th>
            <Th modifier="wrap">{t("skOrgColumnDecision")}</Th>
            <Th modifier="wrap">{t("skOrgColumnReason")}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {(o.transitions ?? []).map((transition, index) => (
            <Tr key={index}>
              <Td dataLabel={t("skOrgColumnDate")}>
                <time dateTime={transition.time}>{time(transition.time)}</time>
              </Td>
              <Td dataLabel={t("skOrgColumnDecision")}>{t(`skOrganisationStatus${transition.to}`)}</Td>
              <Td dataLabel={t("skOrgColumnReason")}>{transition.reason ?? "–"}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Section>
  );
};

const useTimeFormat = () => {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (iso: string) => format.format(new Date(iso));
};

const Members = ({ organisation }: { organisation: Organisation }) => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const admin = organisation.role === "ADMIN";
  const self = context.keycloak.tokenParsed?.sub;
  const [members, setMembers] = useState<Member[] | undefined>();
  const [more, setMore] = useState(false);
  const [failed, setFailed] = useState(false);
  const [error, setError] = useState<unknown>();
  const [confirm, setConfirm] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = async (first: number) => {
    try {
      const page = await callJson<{ members: Member[] }>(context, organisationPath(organisation.id, "/members"),
        { query: { first, max: MEMBER_PAGE } });
      setMembers((before) => (first === 0 ? page.members : [...(before ?? []), ...page.members]));
      setMore(page.members.length === MEMBER_PAGE);
    } catch {
      setFailed(true);
    }
  };
  useEffect(() => {
    void load(0);
    // Loaded once per organisation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organisation.id]);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      setConfirm(undefined);
      await load(0);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const changeRole = (member: Member) =>
    act(() => callJson(context, organisationPath(organisation.id, `/members/${encodeURIComponent(member.id)}/role`), {
      method: "PUT", json: { role: member.role === "ADMIN" ? "USER" : "ADMIN" },
    }));
  const remove = (member: Member) =>
    act(() => callJson(context, organisationPath(organisation.id, `/members/${encodeURIComponent(member.id)}`),
      { method: "DELETE" }));

  return (
    <Section id="sk-org-members" title={t("skOrgMembers")}>
      {admin && <p className="pf-v5-u-mb-md">{t("skOrgMembersAdminHint")}</p>}
      {error !== undefined && <ActionError error={error} id="sk-org-members-error" />}
      {failed && <Alert variant="danger" isInline title={t("skOrgMembersFailed")} id="sk-org-members-failed" />}
      {!members && !failed && <Spinner aria-label={t("skLoading")} />}
      {members && (
        <Table aria-label={t("skOrgMembers")} id="sk-org-members-table" variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("skOrganisationColumnName")}</Th>
              <Th modifier="wrap">{t("skOrgColumnUsername")}</Th>
              {admin && <Th modifier="wrap">{t("skOrgColumnEmail")}</Th>}
              <Th modifier="wrap">{t("skOrgColumnRole")}</Th>
              {admin && <Th modifier="wrap">{t("skOrgColumnActions")}</Th>}
            </Tr>
          </Thead>
          <Tbody>
            {members.map((member) => {
              const name = personName(member);
              return (
                <Tr key={member.id} data-username={member.username}>
                  <Td dataLabel={t("skOrganisationColumnName")}>{name}</Td>
                  <Td dataLabel={t("skOrgColumnUsername")}>{member.username}</Td>
                  {admin && <Td dataLabel={t("skOrgColumnEmail")}>{member.email}</Td>}
                  <Td dataLabel={t("skOrgColumnRole")}>{t(`skOrganisationRole${member.role}`)}</Td>
                  {admin && (
                    <Td dataLabel={t("skOrgColumnActions")}>
                      {confirm === member.id ? (
                        <span role="group" aria-label={t("skOrgRemoveConfirm", { name })}>
                          <span className="pf-v5-u-mr-sm">{t("skOrgRemoveConfirm", { name })}</span>
                          <Button variant="danger" size="sm" className="sk-org-remove-yes" isDisabled={busy}
                            onClick={() => void remove(member)}>
                            {t("skOrgRemoveYes")}
                          </Button>{" "}
                          <Button variant="link" size="sm" onClick={() => setConfirm(undefined)}>
                            {t("skOrgCancel")}
                          </Button>
                        </span>
                      ) : (
                        <>
                          <Button variant="secondary" size="sm" className="sk-org-role" isDisabled={busy}
                            aria-label={`${t(member.role === "ADMIN" ? "skOrgMakeUser" : "skOrgMakeAdmin")}: ${name}`}
                            onClick={() => void changeRole(member)}>
                            {t(member.role === "ADMIN" ? "skOrgMakeUser" : "skOrgMakeAdmin")}
                          </Button>{" "}
                          {member.id !== self && (
                            <Button variant="link" size="sm" isDanger className="sk-org-remove" isDisabled={busy}
                              aria-label={`${t("skOrgRemove")}: ${name}`} onClick={() => setConfirm(member.id)}>
                              {t("skOrgRemove")}
                            </Button>
                          )}
                        </>
                      )}
                    </Td>
                  )}
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {more && (
        <Button variant="link" id="sk-org-members-more" onClick={() => void load(members?.length ?? 0)}>
          {t("skOrgMoreMembers")}
        </Button>
      )}
    </Section>
  );
};

const Invitations = ({ organisation }: { organisation: Organisation }) => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const time = useTimeFormat();
  const [invitations, setInvitations] = useState<Invitation[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const body = await getJson<{ invitations: Invitation[] }>(context, organisationPath(organisation.id, "/invitations"));
      setInvitations(body.invitations);
    } catch {
      setFailed(true);
    }
  };
  useEffect(() => {
    void load();
    // Loaded once per organisation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organisation.id]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSentTo(undefined);
    try {
      await callJson(context, organisationPath(organisation.id, "/invitations"), { method: "POST", json: { email } });
      setSentTo(email.trim());
      setEmail("");
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (invitation: Invitation) => {
    setBusy(true);
    setError(undefined);
    setSentTo(undefined);
    try {
      await callJson(context, organisationPath(organisation.id, `/invitations/${encodeURIComponent(invitation.id)}`),
        { method: "DELETE" });
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="sk-org-invitations" title={t("skOrgInvitations")}>
      <Form onSubmit={(event) => void send(event)} id="sk-org-invite-form" className="pf-v5-u-mb-md">
        <FormGroup label={t("skOrgInviteEmail")} fieldId="sk-org-invite-email" isRequired>
          <TextInput id="sk-org-invite-email" type="email" value={email} isRequired autoComplete="off"
            onChange={(_event, value) => setEmail(value)} aria-describedby="sk-org-invite-hint" />
          <p id="sk-org-invite-hint" className="pf-v5-u-font-size-sm pf-v5-u-mt-xs">{t("skOrgInviteHint")}</p>
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" id="sk-org-invite-send" isDisabled={busy || email.trim() === ""}>
            {t("skOrgInviteSend")}
          </Button>
        </ActionGroup>
      </Form>
      <div aria-live="polite">
        {sentTo && (
          <Alert variant="success" isInline id="sk-org-invite-sent" title={t("skOrgInviteSent", { email: sentTo })} />
        )}
        {error !== undefined && <ActionError error={error} id="sk-org-invite-error" />}
      </div>
      {failed && <Alert variant="danger" isInline title={t("skOrgInvitationsFailed")} id="sk-org-invitations-failed" />}
      {!invitations && !failed && <Spinner aria-label={t("skLoading")} />}
      {invitations && invitations.length === 0 && <p id="sk-org-invitations-empty">{t("skOrgInvitationsEmpty")}</p>}
      {invitations && invitations.length > 0 && (
        <Table aria-label={t("skOrgInvitations")} id="sk-org-invitations-table" variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("skOrgColumnEmail")}</Th>
              <Th modifier="wrap">{t("skOrgColumnSent")}</Th>
              <Th modifier="wrap">{t("skOrgColumnExpires")}</Th>
              <Th modifier="wrap">{t("skOrgColumnActions")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {invitations.map((invitation) => (
              <Tr key={invitation.id} data-email={invitation.email}>
                <Td dataLabel={t("skOrgColumnEmail")}>{invitation.email}</Td>
                <Td dataLabel={t("skOrgColumnSent")}>
                  <time dateTime={invitation.sentAt}>{time(invitation.sentAt)}</time>
                </Td>
                <Td dataLabel={t("skOrgColumnExpires")}>
                  {invitation.expired ? t("skOrgInvitationExpired") : (
                    <time dateTime={invitation.expiresAt}>{time(invitation.expiresAt)}</time>
                  )}
                </Td>
                <Td dataLabel={t("skOrgColumnActions")}>
                  <Button variant="link" size="sm" isDanger className="sk-org-revoke" isDisabled={busy}
                    aria-label={`${t("skOrgRevoke")}: ${invitation.email}`} onClick={() => void revoke(invitation)}>
                    {t("skOrgRevoke")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Section>
  );
};

/** The online services shown to the organisation's members for quick access (client ids of this realm). */
const Favourites = ({ organisation }: { organisation: Organisation }) => {
  const { t } = useTranslation();
  const context = useEnvironment();
  const admin = organisation.role === "ADMIN";
  const [favourites, setFavourites] = useState<string[]>(organisation.favourites ?? []);
  const [clientId, setClientId] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const save = async (next: string[]) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = await callJson<{ favourites: string[] }>(context, organisationPath(organisation.id, "/favourites"),
        { method: "PUT", json: { favourites: next } });
      setFavourites(body.favourites);
      setClientId("");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="sk-org-favourites" title={t("skOrgFavourites")}>
      <p className="pf-v5-u-mb-md">{t("skOrgFavouritesText")}</p>
      {favourites.length === 0 ? <p id="sk-org-favourites-empty">{t("skOrgFavouritesEmpty")}</p> : (
        <List id="sk-org-favourites-list">
          {favourites.map((favourite) => (
            <ListItem key={favourite}>
              {favourite}{" "}
              {admin && (
                <Button variant="link" size="sm" isDanger isInline isDisabled={busy}
                  aria-label={`${t("skOrgRemove")}: ${favourite}`}
                  onClick={() => void save(favourites.filter((f) => f !== favourite))}>
                  {t("skOrgRemove")}
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
      {error !== undefined && <ActionError error={error} id="sk-org-favourites-error" />}
      {admin && (
        <Form className="pf-v5-u-mt-md" id="sk-org-favourite-form"
          onSubmit={(event) => { event.preventDefault(); void save([...favourites, clientId.trim()]); }}>
          <FormGroup label={t("skOrgFavouriteAdd")} fieldId="sk-org-favourite-client">
            <TextInput id="sk-org-favourite-client" value={clientId} onChange={(_event, value) => setClientId(value)} />
          </FormGroup>
          <ActionGroup>
            <Button type="submit" variant="secondary" id="sk-org-favourite-save" isDisabled={busy || clientId.trim() === ""}>
              {t("skOrgFavouriteAddButton")}
            </Button>
          </ActionGroup>
        </Form>
      )}
    </Section>
  );
};
