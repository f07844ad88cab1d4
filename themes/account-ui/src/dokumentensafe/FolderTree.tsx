import { Breadcrumb, BreadcrumbItem, Button } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { children, pathTo, type SafeFolder } from "./dokumentensafe";

type Props = { folders: SafeFolder[]; open: string | null; onOpen: (folder: string | null) => void };

/**
 * The safe's folders as a nested list of buttons (the open one marked aria-current), every level shown: a safe
 * holds at most 1000 folders, 8 levels deep.
 */
export const FolderTree = ({ folders, open, onOpen }: Props) => {
  const { t } = useTranslation();
  const level = (parent: string | null) => {
    const below = children(folders, parent);
    if (below.length === 0) return null;
    return (
      <ul className="sk-safe-tree-level">
        {below.map((folder) => (
          <li key={folder.id}>
            <Button
              variant="link"
              isInline
              className="sk-safe-tree-folder"
              data-id={folder.id}
              aria-current={folder.id === open ? "page" : undefined}
              onClick={() => onOpen(folder.id)}
            >
              {folder.name}
            </Button>
            {level(folder.id)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <nav aria-label={t("skSafeFolders")} id="sk-safe-tree">
      <ul className="sk-safe-tree-level sk-safe-tree-top">
        <li>
          <Button variant="link" isInline id="sk-safe-tree-top" aria-current={open === null ? "page" : undefined} onClick={() => onOpen(null)}>
            {t("skSafeTop")}
          </Button>
          {level(null)}
        </li>
      </ul>
    </nav>
  );
};

/** Where the open folder is: the top, then each folder down to it; every step but the last opens that folder. */
export const FolderBreadcrumb = ({ folders, open, onOpen }: Props) => {
  const { t } = useTranslation();
  const path = pathTo(folders, open);
  return (
    <Breadcrumb id="sk-safe-breadcrumb" aria-label={t("skSafeBreadcrumb")}>
      <BreadcrumbItem
        isActive={path.length === 0}
        render={() =>
          path.length === 0 ? (
            <span aria-current="page">{t("skSafeTop")}</span>
          ) : (
            <Button variant="link" isInline onClick={() => onOpen(null)}>
              {t("skSafeTop")}
            </Button>
          )
        }
      />
      {path.map((folder, index) => (
        <BreadcrumbItem
          key={folder.id}
          isActive={index === path.length - 1}
          render={() =>
            index === path.length - 1 ? (
              <span aria-current="page">{folder.name}</span>
            ) : (
              <Button variant="link" isInline onClick={() => onOpen(folder.id)}>
                {folder.name}
              </Button>
            )
          }
        />
      ))}
    </Breadcrumb>
  );
};
