import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { useEffect, useState } from "react";
import { getJson } from "../api";
import type { Mailbox } from "./postfach";

type Membership = { id: string; name: string; kind: "ORGANISATION" | "AUTHORITY"; role: "ADMIN" | "USER" };

/**
 * The mailboxes the person may use in the console: their own, and those of the organisations they administer
 * (the Postfach API opens an organisation's mailbox to its administrators only). Without the organisations list the
 * person's own mailbox stays usable.
 */
export function useMailboxes(): Mailbox[] {
  const context = useEnvironment();
  const [mailboxes, setMailboxes] = useState<Mailbox[]>([{ id: "me" }]);
  useEffect(() => {
    const abort = new AbortController();
    getJson<{ organisations: Membership[] }>(context, "sk-organisations/organisations", abort.signal)
      .then((body) =>
        setMailboxes([
          { id: "me" },
          ...body.organisations
            .filter((membership) => membership.kind === "ORGANISATION" && membership.role === "ADMIN")
            .map((membership) => ({ id: membership.id, name: membership.name })),
        ]),
      )
      .catch(() => undefined);
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return mailboxes;
}
