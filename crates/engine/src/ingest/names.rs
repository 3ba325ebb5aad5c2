//! Header names: the column roles they suggest, in the languages of casemap's users, and the
//! readable event names of milestone columns ([`milestone_name`]).
//!
//! Names are compared after [`normalize`]: lower case, accents removed, and every run of
//! characters other than letters and digits turned into one space (`Case ID`, `case_id`,
//! `CaseId` and `case-id` all become `case id`; camel case is split first). A name matches a
//! role when it equals one of the role's names, or (for the weaker [`NameMatch::Partial`])
//! contains one as a whole word sequence.

use super::role::Role;

/// How well a header name matches a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    /// The name contains a known name for the role (`Ticket Number (internal)`).
    Partial,
    /// The name is a known name for the role (`Case ID`, `Numero caso`, `工单号`).
    Exact,
}

/// Lower case, accents removed, camel case split, punctuation runs as single spaces.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut previous_lower = false;
    for ch in name.trim().trim_start_matches('\u{feff}').chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && previous_lower {
                out.push(' ');
            }
            previous_lower = ch.is_lowercase() || ch.is_ascii_digit();
            for lower in ch.to_lowercase() {
                out.push(strip_accent(lower));
            }
        } else {
            previous_lower = false;
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

fn strip_accent(ch: char) -> char {
    match ch {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ß' => 's',
        'ё' => 'е',
        other => other,
    }
}

/// Known names per role, already normalised. English first, then XES keys, then Italian,
/// German, French, Spanish, Russian and Chinese.
const NAMES: &[(Role, &[&str])] = &[
    (
        Role::CaseId,
        &[
            "case id",
            "case",
            "case number",
            "caseid",
            "case no",
            "ticket id",
            "ticket",
            "ticket number",
            "ticket no",
            "incident id",
            "incident number",
            "incident",
            "number",
            "request id",
            "request number",
            "issue key",
            "issue id",
            "issue",
            "id caso",
            "service request",
            "sr number",
            "trace id",
            "case concept name",
            "numero caso",
            "id pratica",
            "numero pratica",
            "pratica",
            "numero ticket",
            "id ticket",
            "fallnummer",
            "fall id",
            "fall",
            "ticketnummer",
            "vorgang",
            "vorgangsnummer",
            "numero de cas",
            "numero dossier",
            "identifiant du cas",
            "numero de ticket",
            "numero de caso",
            "id del caso",
            "caso",
            "номер обращения",
            "обращение",
            "номер заявки",
            "заявка",
            "номер тикета",
            "тикет",
            "идентификатор",
            "id обращения",
            "工单号",
            "工单编号",
            "工单",
            "案例编号",
            "案例号",
            "案件编号",
            "编号",
            "单号",
            // Generic names last: an exact `Issue key` beats an exact `ID`.
            "key",
            "unique key",
            "id",
            "record id",
            "nr",
            "no",
        ],
    ),
    (
        Role::Activity,
        &[
            "activity",
            "activity name",
            "event",
            "event name",
            "action",
            "step",
            "task",
            "operation",
            "concept name",
            "attivita",
            "azione",
            "evento",
            "fase",
            "aktivitat",
            "aktion",
            "ereignis",
            "schritt",
            "activite",
            "evenement",
            "etape",
            "actividad",
            "accion",
            "paso",
            "действие",
            "активность",
            "событие",
            "операция",
            "этап",
            "活动",
            "动作",
            "事件",
            "操作",
            "步骤",
            "环节",
        ],
    ),
    (
        Role::StartTime,
        &[
            "start time",
            "start timestamp",
            "start",
            "started",
            "start date",
            "started at",
            "begin",
            "start datetime",
            "lifecycle start",
            "ora inizio",
            "inizio",
            "data inizio",
            "startzeit",
            "beginn",
            "debut",
            "heure de debut",
            "date de debut",
            "hora de inicio",
            "inicio",
            "fecha de inicio",
            "начало",
            "время начала",
            "дата начала",
            "开始时间",
            "开始",
        ],
    ),
    (
        Role::EndTime,
        &[
            "end time",
            "complete timestamp",
            "completion time",
            "end timestamp",
            "end",
            "ended",
            "completed",
            "end date",
            "finished",
            "finish",
            "finish time",
            "finish date",
            "completed at",
            "ended at",
            "end datetime",
            "ora fine",
            "fine",
            "data fine",
            "endzeit",
            "ende",
            "fin",
            "heure de fin",
            "date de fin",
            "hora de fin",
            "fecha de fin",
            "окончание",
            "время окончания",
            "дата окончания",
            "结束时间",
            "完成时间",
            "结束",
        ],
    ),
    (
        Role::Timestamp,
        &[
            "timestamp",
            "time",
            "time timestamp",
            "date",
            "datetime",
            "date time",
            "event time",
            "event date",
            "event timestamp",
            "change date",
            "changed at",
            "changed on",
            "status change date",
            "history created",
            "occurred at",
            "occurred",
            "logged at",
            "activity date",
            "action date",
            "sys updated at",
            "updated at",
            "created",
            "created date",
            "created at",
            "createddate",
            "created on",
            "sys created on",
            "changed",
            "updated",
            "update time",
            "sys updated on",
            "data",
            "data ora",
            "ora",
            "orario",
            "zeitstempel",
            "zeitpunkt",
            "datum",
            "zeit",
            "horodatage",
            "heure",
            "fecha",
            "fecha hora",
            "marca de tiempo",
            "hora",
            "время",
            "дата",
            "дата и время",
            "метка времени",
            "时间",
            "时间戳",
            "日期",
            "日期时间",
            "发生时间",
        ],
    ),
    (
        Role::Resource,
        &[
            "resource",
            "agent",
            "user",
            "owner",
            "assignee",
            "assigned to",
            "performer",
            "employee",
            "operator",
            "handled by",
            "org resource",
            "created by",
            "createdbyid",
            "created by id",
            "author",
            "risorsa",
            "operatore",
            "utente",
            "assegnatario",
            "agente",
            "bearbeiter",
            "ressource",
            "benutzer",
            "mitarbeiter",
            "agent",
            "utilisateur",
            "responsable",
            "recurso",
            "usuario",
            "responsable",
            "agente",
            "ресурс",
            "исполнитель",
            "оператор",
            "сотрудник",
            "пользователь",
            "ответственный",
            "资源",
            "处理人",
            "坐席",
            "客服",
            "员工",
            "负责人",
            "执行人",
            "用户",
        ],
    ),
    (
        Role::Team,
        &[
            "team",
            "group",
            "queue",
            "assignment group",
            "support group",
            "department",
            "org group",
            "agency",
            "squadra",
            "gruppo",
            "coda",
            "reparto",
            "gruppe",
            "warteschlange",
            "abteilung",
            "equipe",
            "groupe",
            "file",
            "equipo",
            "grupo",
            "cola",
            "команда",
            "группа",
            "очередь",
            "отдел",
            "团队",
            "组",
            "队列",
            "部门",
            "小组",
        ],
    ),
    (
        Role::Priority,
        &[
            "priority",
            "severity",
            "urgency",
            "seriousness",
            "priorita",
            "gravita",
            "urgenza",
            "prioritat",
            "dringlichkeit",
            "priorite",
            "urgence",
            "prioridad",
            "urgencia",
            "приоритет",
            "срочность",
            "важность",
            "优先级",
            "紧急程度",
            "严重程度",
        ],
    ),
    (
        Role::Channel,
        &[
            "channel",
            "origin",
            "case origin",
            "source",
            "contact type",
            "via",
            "medium",
            "canale",
            "origine",
            "kanal",
            "herkunft",
            "canal",
            "origen",
            "канал",
            "источник",
            "渠道",
            "来源",
            "通道",
        ],
    ),
    (
        Role::CaseType,
        &[
            "type",
            "case type",
            "ticket type",
            "issue type",
            "category",
            "request type",
            "reason",
            "tipo",
            "categoria",
            "typ",
            "kategorie",
            "categorie",
            "тип",
            "категория",
            "вид обращения",
            "类型",
            "工单类型",
            "类别",
            "分类",
        ],
    ),
    (Role::Status, &["status", "state", "stato", "zustand", "statut", "etat", "estado", "статус", "состояние", "状态"]),
    (
        Role::SlaDue,
        &[
            "sla due",
            "sla",
            "due",
            "due date",
            "sla due date",
            "deadline",
            "resolve by",
            "target date",
            "sla deadline",
            "milestone",
            "scadenza",
            "scadenza sla",
            "fälligkeit",
            "falligkeit",
            "frist",
            "echeance",
            "date limite",
            "vencimiento",
            "fecha limite",
            "срок",
            "срок sla",
            "крайний срок",
            "截止时间",
            "到期时间",
            "sla截止",
        ],
    ),
    (
        Role::Csat,
        &[
            "csat",
            "satisfaction",
            "customer satisfaction",
            "rating",
            "satisfaction score",
            "score",
            "soddisfazione",
            "valutazione",
            "zufriedenheit",
            "bewertung",
            "note",
            "satisfaccion",
            "valoracion",
            "удовлетворенность",
            "оценка",
            "满意度",
            "评分",
        ],
    ),
    (
        Role::Escalated,
        &[
            "escalated",
            "escalation",
            "is escalated",
            "escalation flag",
            "escalato",
            "escalation",
            "eskaliert",
            "escalade",
            "escalado",
            "эскалация",
            "эскалировано",
            "升级",
            "已升级",
        ],
    ),
    (
        Role::SlaMet,
        &[
            "made sla",
            "sla met",
            "met sla",
            "within sla",
            "in sla",
            "sla achieved",
            "sla compliant",
            "sla ok",
            "sla rispettato",
            "entro sla",
            "sla eingehalten",
            "sla соблюден",
            "в рамках sla",
            "sla达标",
            "达标",
        ],
    ),
    (
        Role::ReopenCount,
        &[
            "reopen count",
            "reopens",
            "reopened count",
            "times reopened",
            "number of reopens",
            "reopen",
            "riaperture",
            "numero riaperture",
            "переоткрытия",
            "число переоткрытий",
            "重新打开次数",
            "重开次数",
        ],
    ),
    (
        Role::ReassignmentCount,
        &[
            "reassignment count",
            "reassignments",
            "times reassigned",
            "number of reassignments",
            "reassign count",
            "riassegnazioni",
            "numero riassegnazioni",
            "переназначения",
            "число переназначений",
            "重新分配次数",
            "转派次数",
        ],
    ),
];

/// Words that make a name a category or a person, never the case id: `Issue Type`, `Incident
/// Zip`, `Parent Case ID`, `Requester ID` name something else than the case itself.
const NOT_A_CASE: &[&str] = &[
    "type",
    "category",
    "subcategory",
    "zip",
    "postal",
    "postcode",
    "status",
    "state",
    "priority",
    "severity",
    "urgency",
    "impact",
    "group",
    "team",
    "queue",
    "project",
    "city",
    "country",
    "region",
    "borough",
    "board",
    "channel",
    "origin",
    "source",
    "product",
    "component",
    "version",
    "label",
    "tag",
    "tags",
    "reason",
    "location",
    "site",
    "department",
    "parent",
    "caller",
    "requester",
    "customer",
    "account",
    "contact",
    "user",
    "agent",
    "owner",
    "assignee",
    "author",
    "reporter",
    "vendor",
    "problem",
    "change",
    "rfc",
    "knowledge",
    "symptom",
    "cmdb",
    "sla",
    "count",
    "address",
    "name",
    "description",
    "subject",
    "summary",
    "title",
    "email",
    "phone",
    "url",
    "comment",
    "note",
    "descriptor",
    "latitude",
    "longitude",
    "organization",
    "organisation",
    "company",
    "sprint",
    "epic",
    "brand",
    "form",
    "field",
    "duration",
    "time",
    "date",
];

/// Words of a column that holds the value before a change (`Status Change From`, `Old
/// Value`, `previous_status`): never the activity.
const OLD_VALUE: &[&str] = &["from", "old", "previous", "prior", "before", "was", "da", "alt", "ancien", "anterior"];

/// Words of a column that holds the value after a change (`Status Change To`, `New
/// Status`): the activity of a change row.
const NEW_VALUE: &[&str] = &["to", "new", "after", "now", "nuovo", "neu", "nouveau", "nuevo"];

fn has_word(name: &str, words: &[&str]) -> bool {
    name.split(' ').any(|word| words.contains(&word))
}

/// True when a (normalised) name says its column holds old values of a change.
pub fn is_old_value(name: &str) -> bool {
    has_word(name, OLD_VALUE)
}

/// True when a (normalised) name says its column holds new values of a change.
pub fn is_new_value(name: &str) -> bool {
    has_word(name, NEW_VALUE)
}

/// True for the XES key of the event time, `time:timestamp` (which wins over every other date
/// column of an export made from XES).
pub fn is_xes_time(name: &str) -> bool {
    normalize(name) == "time timestamp"
}

/// How well a name matches a role: first by [`NameMatch`], then by the rank of the known name
/// it matched (earlier names in the role's list are stronger: `Priority` beats `Urgency`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameScore {
    /// Exact or partial.
    pub quality: NameMatch,
    /// The position of the matched name in the role's list (0 is the strongest).
    pub rank: usize,
}

impl NameScore {
    /// True when this score is stronger than `other`.
    pub fn beats(self, other: NameScore) -> bool {
        (self.quality, std::cmp::Reverse(self.rank)) > (other.quality, std::cmp::Reverse(other.rank))
    }
}

/// The [`NameScore`] of a raw header name for a role, if it matches at all. A name with a word
/// of a category or a person never scores as the case id, and a name of an old value never as
/// the activity or the status.
pub fn name_score(header: &str, role: Role) -> Option<NameScore> {
    let name = normalize(header);
    match role {
        Role::CaseId if has_word(&name, NOT_A_CASE) && !known(Role::CaseId).contains(&name.as_str()) => return None,
        Role::Activity | Role::Status if is_old_value(&name) => return None,
        _ => {}
    }
    let names = known(role);
    if let Some(rank) = names.iter().position(|known| *known == name) {
        return Some(NameScore { quality: NameMatch::Exact, rank });
    }
    let padded = format!(" {name} ");
    names
        .iter()
        .position(|known| {
            known.chars().count() >= 3
                && (padded.contains(&format!(" {known} ")) || (!known.is_ascii() && name.contains(*known)))
        })
        .map(|rank| NameScore { quality: NameMatch::Partial, rank })
}

fn known(role: Role) -> &'static [&'static str] {
    NAMES.iter().find(|(r, _)| *r == role).map_or(&[][..], |(_, names)| *names)
}

/// How well `header` (a raw header name) matches `role`, if at all.
pub fn name_match(header: &str, role: Role) -> Option<NameMatch> {
    let name = normalize(header);
    name_match_normalized(&name, role)
}

/// [`name_match`] for an already normalised name.
pub fn name_match_normalized(name: &str, role: Role) -> Option<NameMatch> {
    let names = known(role);
    if names.contains(&name) {
        return Some(NameMatch::Exact);
    }
    let padded = format!(" {name} ");
    names
        .iter()
        .filter(|known| known.chars().count() >= 3)
        .any(|known| padded.contains(&format!(" {known} ")) || (!known.is_ascii() && name.contains(*known)))
        .then_some(NameMatch::Partial)
}

/// The name of a milestone's events, from its column's header: `Created Date` -> `Created`,
/// `Date/Time Opened` -> `Opened`, `Solved at` -> `Solved`, `Status: In Progress` -> `In
/// Progress`, `opened_at` -> `Opened`.
pub fn milestone_name(header: &str) -> String {
    const NOISE: [&str; 11] = ["date", "time", "datetime", "timestamp", "at", "on", "dt", "ts", "when", "data", "ora"];
    // Words as written (case kept), split at punctuation, underscores and camel case.
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for ch in header.trim().trim_start_matches('\u{feff}').chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && previous_lower && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = ch.is_lowercase() || ch.is_ascii_digit();
            current.push(ch);
        } else {
            previous_lower = false;
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut kept: Vec<&String> = words.iter().filter(|w| !NOISE.contains(&w.to_lowercase().as_str())).collect();
    // `Status: In Progress`: the status is the step.
    if kept.len() > 1 && kept[0].eq_ignore_ascii_case("status") {
        kept.remove(0);
    }
    if kept.is_empty() {
        return header.trim().to_owned();
    }
    let joined = kept.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => header.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise() {
        assert_eq!(normalize("Case ID"), "case id");
        assert_eq!(normalize("case_id"), "case id");
        assert_eq!(normalize("CaseId"), "case id");
        assert_eq!(normalize("case:concept:name"), "case concept name");
        assert_eq!(normalize("\u{feff}Attività "), "attivita");
        assert_eq!(normalize("Номер обращения"), "номер обращения");
        assert_eq!(normalize("工单号"), "工单号");
    }

    #[test]
    fn names_in_every_language_find_their_role() {
        let cases = [
            ("Case ID", Role::CaseId),
            ("case:concept:name", Role::CaseId),
            ("Numero caso", Role::CaseId),
            ("Номер обращения", Role::CaseId),
            ("工单号", Role::CaseId),
            ("Fallnummer", Role::CaseId),
            ("concept:name", Role::Activity),
            ("Attività", Role::Activity),
            ("Действие", Role::Activity),
            ("活动", Role::Activity),
            ("time:timestamp", Role::Timestamp),
            ("Complete Timestamp", Role::EndTime),
            ("Start Time", Role::StartTime),
            ("org:resource", Role::Resource),
            ("Assigned To", Role::Resource),
            ("Assignment Group", Role::Team),
            ("Priority", Role::Priority),
            ("Case Origin", Role::Channel),
            ("SLA Due", Role::SlaDue),
            ("CSAT", Role::Csat),
            ("Escalated", Role::Escalated),
            ("状态", Role::Status),
        ];
        for (header, role) in cases {
            assert_eq!(name_match(header, role), Some(NameMatch::Exact), "{header}");
        }
    }

    #[test]
    fn partial_names_match_weakly() {
        assert_eq!(name_match("Ticket Number (internal)", Role::CaseId), Some(NameMatch::Partial));
        assert_eq!(name_match("Customer", Role::CaseId), None);
        assert_eq!(name_match("Activity", Role::CaseId), None);
    }

    #[test]
    fn milestone_names_are_readable() {
        for (header, name) in [
            ("Created Date", "Created"),
            ("Date/Time Opened", "Opened"),
            ("Solved at", "Solved"),
            ("Status: In Progress", "In Progress"),
            ("opened_at", "Opened"),
            ("resolvedAt", "Resolved"),
            ("Resolution Action Updated Date", "Resolution Action Updated"),
            ("Initially assigned at", "Initially assigned"),
            ("Date", "Date"),
            ("Data chiusura", "Chiusura"),
        ] {
            assert_eq!(milestone_name(header), name, "{header}");
        }
    }
}
