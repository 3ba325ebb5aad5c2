//! The vocabulary: which activity names mean the same service step across ticketing tools
//! and languages (Assigned, Reassigned, Escalated, Resolved, Reopened, Closed, ...), which
//! resources are automations rather than people, and how priority values rank.
//!
//! # Matching
//! Names and patterns are compared after [`normalize`](crate::ingest::names::normalize):
//! lower case, accents removed, camel case split, every run of punctuation one space. A
//! pattern is a sequence of words; it matches a name that contains those words one after the
//! other, each whole, except that a word ending in `*` matches any word it begins
//! (`resolv*` matches `Resolve ticket`, `Case Resolved`, `resolving`). A pattern in a script
//! without spaces between words (Chinese, Japanese) matches wherever it occurs in the name.
//!
//! An activity gets the first [`Step`] (in the order of [`Step::ALL`]) one of whose patterns
//! matches it, so `Case Reassigned` is [`Step::Reassigned`], not [`Step::Assigned`], and
//! `Case Reopened` is [`Step::Reopened`], not [`Step::Created`]. A pattern without `*` that is
//! the activity's whole name comes first, whatever the order: it was written for that
//! activity ([`Vocabulary::mark`] adds such patterns, when the page marks `Pending Vendor` as
//! a closure although `pending*` would make it a wait for the customer). No built-in pattern
//! is the whole name of an activity that an earlier step's pattern catches, so this changes
//! nothing for the built-in vocabulary.
//!
//! The built-in patterns ([`Vocabulary::default`]) cover English, Italian, Russian and
//! Chinese (the UI's languages) and the usual names of Salesforce, ServiceNow, Zendesk and
//! Jira. Users replace or extend them: the app edits them, the CLI reads them from a JSON
//! file (`--vocabulary`), in the shape of [`Vocabulary`].

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::ingest::names::normalize;

/// A service step that activities of different tools and languages share.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, VariantArray, IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Step {
    /// The case was opened again after being resolved or closed.
    Reopened,
    /// The case moved from one agent or team to another.
    Reassigned,
    /// The case went to a higher support level or an expert team.
    Escalated,
    /// An SLA milestone was missed (recorded by the tool).
    SlaViolated,
    /// The case type or category was corrected.
    TypeChanged,
    /// The priority was changed.
    PriorityChanged,
    /// The customer was told the case was received (an automatic or first reply).
    Acknowledged,
    /// The desk asked the customer for information and waits for the answer.
    WaitingForCustomer,
    /// The customer answered.
    CustomerResponded,
    /// The desk contacted the customer (a call, a message).
    CustomerContact,
    /// The case was resolved.
    Resolved,
    /// The case was closed.
    Closed,
    /// The case was given to an agent or a team.
    Assigned,
    /// The case was created.
    Created,
}

impl Step {
    /// Every step, in the order the vocabulary tries them. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Step] = <Step as VariantArray>::VARIANTS;

    /// The step's key, as in JSON (`reopened`, `waiting_for_customer`, ...).
    pub fn key(self) -> &'static str {
        self.into()
    }
}

/// The patterns of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPatterns {
    /// The step.
    pub step: Step,
    /// Its patterns (see the [module docs](self)).
    pub patterns: Vec<String>,
}

/// Priority values of one rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityRank {
    /// 0 is the most urgent.
    pub rank: u32,
    /// Patterns of the values of this rank.
    pub patterns: Vec<String>,
}

/// What activity names, resource names and priority values mean; see the
/// [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Activity patterns per step.
    pub steps: Vec<StepPatterns>,
    /// Patterns of resources that are automations (auto-replies, workflows, bots): they are
    /// no agent for first-contact resolution and single ownership.
    pub automation: Vec<String>,
    /// Priority values by rank, most urgent first. A value that matches none is ranked by the
    /// number it contains, lower numbers more urgent (P1, `1 - Critical`), when it has one.
    pub priorities: Vec<PriorityRank>,
    /// Values of an "escalated" flag column that mean yes.
    pub yes: Vec<String>,
}

impl Vocabulary {
    /// Makes `activity` count as `step`: adds the pattern that is its whole name
    /// ([`whole_name_pattern`]) to the step's patterns and removes that pattern from every
    /// other step. Returns `false` (and changes nothing) for a name without letters or digits.
    pub fn mark(&mut self, activity: &str, step: Step) -> bool {
        let Some(pattern) = whole_name_pattern(activity) else { return false };
        for other in self.steps.iter_mut().filter(|s| s.step != step) {
            other.patterns.retain(|p| *p != pattern);
        }
        match self.steps.iter_mut().find(|s| s.step == step) {
            Some(patterns) if patterns.patterns.contains(&pattern) => {}
            Some(patterns) => patterns.patterns.push(pattern),
            None => self.steps.push(StepPatterns { step, patterns: vec![pattern] }),
        }
        true
    }
}

/// The pattern that is exactly `activity` (its normalised words, or for a name in a script
/// without spaces its lower-cased text), or `None` for a name without letters or digits.
pub fn whole_name_pattern(activity: &str) -> Option<String> {
    let pattern = if activity.chars().any(is_unspaced_script) {
        activity.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        normalize(activity)
    };
    (!pattern.is_empty()).then_some(pattern)
}

fn strings(patterns: &[&str]) -> Vec<String> {
    patterns.iter().map(|p| (*p).to_owned()).collect()
}

impl Default for Vocabulary {
    fn default() -> Self {
        let steps: [(Step, &[&str]); 14] = [
            (
                Step::Reopened,
                &[
                    "reopen*",
                    "re open*",
                    "reactivat*",
                    "riapert*",
                    "riaper*",
                    "riaprire",
                    "переоткры*",
                    "повторно открыт*",
                    "возобновл*",
                    "重新打开",
                    "重开",
                    "再次打开",
                ],
            ),
            (
                Step::Reassigned,
                &[
                    "reassign*",
                    "re assign*",
                    "transfer*",
                    "forward*",
                    "hand over",
                    "handover",
                    "handed over",
                    "owner changed",
                    "assignee changed",
                    "riassegn*",
                    "trasferit*",
                    "inoltrat*",
                    "переназнач*",
                    "передан*",
                    "перевед*",
                    "重新分配",
                    "转派",
                    "转交",
                    "转移",
                ],
            ),
            (Step::Escalated, &["escalat*", "escalation*", "scalat*", "эскалац*", "эскалир*", "升级"]),
            (
                Step::SlaViolated,
                &[
                    "sla * violat*",
                    "sla violat*",
                    "sla breach*",
                    "sla miss*",
                    "sla milestone violated",
                    "violazione sla",
                    "sla violat*",
                    "нарушен* sla",
                    "sla нарушен*",
                    "违反sla",
                    "sla违规",
                    "超时",
                ],
            ),
            (
                Step::TypeChanged,
                &[
                    "type changed",
                    "type change",
                    "change type",
                    "categor* changed",
                    "category change",
                    "reclassif*",
                    "recategori*",
                    "tipo modificat*",
                    "cambio tipo",
                    "tipo cambiato",
                    "riclassific*",
                    "изменен* тип*",
                    "смена тип*",
                    "переклассиф*",
                    "类型变更",
                    "更改类型",
                    "重新分类",
                ],
            ),
            (
                Step::PriorityChanged,
                &[
                    "priority changed",
                    "priority change",
                    "change priority",
                    "reprioriti*",
                    "priorit* modificat*",
                    "cambio priorit*",
                    "изменен* приоритет*",
                    "смена приоритет*",
                    "优先级变更",
                    "更改优先级",
                ],
            ),
            (
                Step::Acknowledged,
                &[
                    "acknowledg*",
                    "first response",
                    "initial response",
                    "auto reply",
                    "autoreply",
                    "auto response",
                    "confirm* receipt",
                    "receipt confirm*",
                    "presa visione",
                    "conferma ricezione",
                    "risposta automatica",
                    "подтвержд*",
                    "первый ответ",
                    "автоответ*",
                    "确认收到",
                    "首次响应",
                    "自动回复",
                    "已确认",
                ],
            ),
            (
                Step::WaitingForCustomer,
                &[
                    "information requested",
                    "info requested",
                    "request* info*",
                    "waiting for customer",
                    "waiting on customer",
                    "awaiting customer",
                    "await* user*",
                    "await* caller*",
                    "await* customer*",
                    "await* requester*",
                    "await* info*",
                    "await* reply",
                    "await* response",
                    "user info* requested",
                    "pending customer",
                    "pending user",
                    "pending requester",
                    "wait*",
                    "pending*",
                    "on hold",
                    "in attesa*",
                    "richiesta informazioni",
                    "richiesta info*",
                    "sospes*",
                    "ожидан*",
                    "запрос информации",
                    "запрошен*",
                    "等待",
                    "待客户",
                    "挂起",
                    "请求信息",
                ],
            ),
            (
                Step::CustomerResponded,
                &[
                    "customer respon*",
                    "customer repl*",
                    "customer answer*",
                    "customer comment*",
                    "reply from customer",
                    "risposta cliente",
                    "risposta del cliente",
                    "cliente ha risposto",
                    "ответ клиента",
                    "клиент ответил",
                    "客户回复",
                    "客户已回复",
                    "客户答复",
                ],
            ),
            (
                Step::CustomerContact,
                &[
                    "customer contact*",
                    "contact* customer",
                    "call*",
                    "phone call",
                    "contatt*",
                    "chiamat*",
                    "telefonat*",
                    "звонок",
                    "связ* с клиент*",
                    "联系客户",
                    "致电",
                    "电话",
                ],
            ),
            (
                Step::Resolved,
                &[
                    "resolv*",
                    "resolution*",
                    "solved",
                    "solve*",
                    "fixed",
                    "risolt*",
                    "risolv*",
                    "risoluzion*",
                    "решен*",
                    "решён*",
                    "разреш*",
                    "complet*",
                    "done",
                    "completat*",
                    "выполнен*",
                    "已解决",
                    "解决",
                    "完成",
                ],
            ),
            (
                Step::Closed,
                &[
                    "clos*",
                    "chius*",
                    "chiuder*",
                    "закры*",
                    "закрыт*",
                    "关闭",
                    "已关闭",
                    "结案",
                    // Ended without a resolution: closed all the same.
                    "cancel*",
                    "won t do",
                    "won t fix",
                    "wont fix",
                    "duplicate",
                    "withdrawn",
                    "annullat*",
                    "отмен*",
                    "已取消",
                    "取消",
                ],
            ),
            (
                Step::Assigned,
                &[
                    "assign*",
                    "take in charge",
                    "taken in charge",
                    "take over",
                    "accept*",
                    "picked up",
                    "assegn*",
                    "preso in carico",
                    "presa in carico",
                    "назнач*",
                    "взят* в работу",
                    "принят* в работу",
                    "分配",
                    "指派",
                    "受理",
                ],
            ),
            (
                Step::Created,
                &[
                    "creat*",
                    "new",
                    "open*",
                    "insert*",
                    "register*",
                    "logged",
                    "submitted",
                    "received",
                    "nuov*",
                    "apert*",
                    "inserit*",
                    "creat*",
                    "registrat*",
                    "созда*",
                    "нов*",
                    "открыт*",
                    "регистрац*",
                    "зарегистр*",
                    "创建",
                    "新建",
                    "提交",
                    "登记",
                ],
            ),
        ];
        Vocabulary {
            steps: steps
                .iter()
                .map(|(step, patterns)| StepPatterns { step: *step, patterns: strings(patterns) })
                .collect(),
            automation: strings(&[
                "auto*",
                "system",
                "bot",
                "robot",
                "workflow",
                "automation",
                "integration",
                "sistema",
                "система",
                "автомат*",
                "系统",
                "自动",
                "机器人",
            ]),
            priorities: vec![
                PriorityRank {
                    rank: 0,
                    patterns: strings(&[
                        "urgent",
                        "critical",
                        "emergency",
                        "highest",
                        "blocker",
                        "immediate",
                        "urgente",
                        "critic*",
                        "срочн*",
                        "критич*",
                        "紧急",
                        "严重",
                        "最高",
                    ]),
                },
                PriorityRank {
                    rank: 1,
                    patterns: strings(&["high", "major", "important", "alta", "alto", "высок*", "高"]),
                },
                PriorityRank {
                    rank: 2,
                    patterns: strings(&[
                        "medium",
                        "normal",
                        "moderate",
                        "standard",
                        "media",
                        "medio",
                        "normale",
                        "средн*",
                        "обычн*",
                        "нормальн*",
                        "中",
                        "普通",
                    ]),
                },
                PriorityRank { rank: 3, patterns: strings(&["low", "minor", "bassa", "basso", "низк*", "低"]) },
                PriorityRank {
                    rank: 4,
                    patterns: strings(&["lowest", "trivial", "planning", "minima", "минимальн*", "最低"]),
                },
            ],
            yes: strings(&["yes", "y", "true", "1", "x", "si", "sì", "vero", "да", "истина", "是", "真"]),
        }
    }
}

/// A compiled pattern.
#[derive(Debug, Clone)]
enum Pattern {
    /// Whole words (a `*` word is a prefix).
    Words(Vec<(String, bool)>),
    /// A substring (scripts without spaces).
    Text(String),
}

fn is_unspaced_script(ch: char) -> bool {
    matches!(ch as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

impl Pattern {
    fn new(pattern: &str) -> Option<Pattern> {
        if pattern.chars().any(is_unspaced_script) {
            let text: String = pattern.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
            return (!text.is_empty()).then_some(Pattern::Text(text));
        }
        let words: Vec<(String, bool)> = pattern
            .split_whitespace()
            .filter_map(|word| {
                let prefix = word.ends_with('*');
                let word = normalize(word.trim_end_matches('*'));
                if word.is_empty() && prefix {
                    // A lone `*`: any one word.
                    return Some((String::new(), true));
                }
                (!word.is_empty()).then_some((word, prefix))
            })
            .collect();
        (!words.is_empty()).then_some(Pattern::Words(words))
    }

    /// Whether the pattern, without `*`, is the whole name (arguments as for `matches`).
    fn is_whole(&self, words: &[&str], text: &str) -> bool {
        match self {
            Pattern::Text(needle) => text.split_whitespace().collect::<Vec<_>>().join(" ") == *needle,
            Pattern::Words(pattern) => {
                pattern.len() == words.len()
                    && pattern.iter().zip(words).all(|((p, prefix), word)| !prefix && p == word)
            }
        }
    }

    /// Whether the pattern matches a name (`words`: the normalised name split at spaces;
    /// `text`: the lower-cased name).
    fn matches(&self, words: &[&str], text: &str) -> bool {
        match self {
            Pattern::Text(needle) => text.contains(needle.as_str()),
            Pattern::Words(pattern) => {
                pattern.len() <= words.len()
                    && words.windows(pattern.len()).any(|window| {
                        window.iter().zip(pattern).all(|(word, (p, prefix))| {
                            if *prefix { word.starts_with(p.as_str()) } else { *word == p.as_str() }
                        })
                    })
            }
        }
    }
}

fn compile(patterns: &[String]) -> Vec<Pattern> {
    patterns.iter().filter_map(|p| Pattern::new(p)).collect()
}

/// A [`Vocabulary`] ready to classify names.
#[derive(Debug, Clone)]
pub struct Matcher {
    steps: Vec<(Step, Vec<Pattern>)>,
    automation: Vec<Pattern>,
    priorities: Vec<(u32, Vec<Pattern>)>,
    yes: Vec<String>,
}

fn any_match(patterns: &[Pattern], name: &str) -> bool {
    let normal = normalize(name);
    let words: Vec<&str> = normal.split(' ').filter(|w| !w.is_empty()).collect();
    let text = name.to_lowercase();
    patterns.iter().any(|p| p.matches(&words, &text))
}

impl Matcher {
    /// Compiles a vocabulary. Steps are tried in the order of [`Step::ALL`], whatever their
    /// order in `vocabulary.steps`.
    pub fn new(vocabulary: &Vocabulary) -> Matcher {
        let mut steps: Vec<(Step, Vec<Pattern>)> = Step::ALL
            .iter()
            .map(|&step| {
                let patterns: Vec<String> = vocabulary
                    .steps
                    .iter()
                    .filter(|s| s.step == step)
                    .flat_map(|s| s.patterns.iter().cloned())
                    .collect();
                (step, compile(&patterns))
            })
            .collect();
        steps.retain(|(_, patterns)| !patterns.is_empty());
        let mut priorities: Vec<(u32, Vec<Pattern>)> =
            vocabulary.priorities.iter().map(|p| (p.rank, compile(&p.patterns))).collect();
        priorities.sort_by_key(|(rank, _)| *rank);
        Matcher {
            steps,
            automation: compile(&vocabulary.automation),
            priorities,
            yes: vocabulary.yes.iter().map(|y| y.trim().to_lowercase()).collect(),
        }
    }

    /// The step an activity name stands for, if any: the step of a pattern that is its whole
    /// name, else the first step one of whose patterns matches it.
    pub fn step(&self, activity: &str) -> Option<Step> {
        let normal = normalize(activity);
        let words: Vec<&str> = normal.split(' ').filter(|w| !w.is_empty()).collect();
        let text = activity.to_lowercase();
        self.steps
            .iter()
            .find(|(_, patterns)| patterns.iter().any(|p| p.is_whole(&words, &text)))
            .or_else(|| self.first_step(&words, &text))
            .map(|(s, _)| *s)
    }

    /// The first step (in the order of [`Step::ALL`]) one of whose patterns matches.
    fn first_step(&self, words: &[&str], text: &str) -> Option<&(Step, Vec<Pattern>)> {
        self.steps.iter().find(|(_, patterns)| patterns.iter().any(|p| p.matches(words, text)))
    }

    /// Whether a resource is an automation, not a person.
    pub fn is_automation(&self, resource: &str) -> bool {
        any_match(&self.automation, resource)
    }

    /// The rank of a priority value (0 most urgent), if it can be ranked: by the
    /// vocabulary's patterns, else by the only number in it (lower numbers more urgent, as P1
    /// in Jira and `1 - Critical` in ServiceNow), else `None`. The second value says whether
    /// the rank came from a number.
    pub fn priority_rank(&self, value: &str) -> Option<(u32, bool)> {
        // Patterns win for text values; a value such as "1 - Critical" matches "critical".
        for (rank, patterns) in &self.priorities {
            if any_match(patterns, value) {
                return Some((*rank, false));
            }
        }
        let numbers: Vec<u32> = value
            .split(|c: char| !c.is_ascii_digit())
            .filter(|part| !part.is_empty())
            .filter_map(|part| part.parse().ok())
            .collect();
        match numbers.as_slice() {
            [n] => Some((*n, true)),
            _ => None,
        }
    }

    /// Whether a flag value means yes.
    pub fn is_yes(&self, value: &str) -> bool {
        let value = value.trim().to_lowercase();
        self.yes.contains(&value)
    }

    /// A flag value read as yes or no; `None` for a value that is neither (a blank, `n/a`).
    pub fn yes_or_no(&self, value: &str) -> Option<bool> {
        const NO: [&str; 12] = ["no", "n", "false", "0", "falso", "nein", "non", "нет", "ложь", "否", "假", "f"];
        if self.is_yes(value) {
            return Some(true);
        }
        let value = value.trim().to_lowercase();
        NO.contains(&value.as_str()).then_some(false)
    }
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::new(&Vocabulary::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(name: &str) -> Option<Step> {
        Matcher::default().step(name)
    }

    #[test]
    fn the_sample_desks_activities_are_recognised() {
        let expected = [
            ("Case Created", Some(Step::Created)),
            ("Initial Acknowledgement Sent", Some(Step::Acknowledged)),
            ("Case Assigned", Some(Step::Assigned)),
            ("Case Reassigned", Some(Step::Reassigned)),
            ("Agent Investigates Issue", None),
            ("Information Requested", Some(Step::WaitingForCustomer)),
            ("Customer Responded", Some(Step::CustomerResponded)),
            ("Customer Contact Initiated", Some(Step::CustomerContact)),
            ("Knowledge Article Linked", None),
            ("Case Escalated", Some(Step::Escalated)),
            ("Priority Changed", Some(Step::PriorityChanged)),
            ("Case Type Changed", Some(Step::TypeChanged)),
            ("SLA Milestone Violated", Some(Step::SlaViolated)),
            ("Case Resolved", Some(Step::Resolved)),
            ("Case Reopened", Some(Step::Reopened)),
            ("Case Closed", Some(Step::Closed)),
            ("Swarm Session", None),
        ];
        for (name, step_expected) in expected {
            assert_eq!(step(name), step_expected, "{name}");
        }
    }

    #[test]
    fn other_tools_and_languages() {
        // helpdesk (Italian software house, English names), Zendesk / Jira statuses.
        assert_eq!(step("Take in charge ticket"), Some(Step::Assigned));
        assert_eq!(step("Resolve ticket"), Some(Step::Resolved));
        assert_eq!(step("Wait"), Some(Step::WaitingForCustomer));
        assert_eq!(step("Closed"), Some(Step::Closed));
        assert_eq!(step("Insert ticket"), Some(Step::Created));
        assert_eq!(step("Pending"), Some(Step::WaitingForCustomer));
        assert_eq!(step("Solved"), Some(Step::Resolved));
        assert_eq!(step("escalatedToL2"), Some(Step::Escalated));
        assert_eq!(step("Status: Reopened"), Some(Step::Reopened));
        assert_eq!(step("Riassegnato"), Some(Step::Reassigned));
        assert_eq!(step("Ticket riaperto"), Some(Step::Reopened));
        assert_eq!(step("Chiuso"), Some(Step::Closed));
        assert_eq!(step("Переназначено"), Some(Step::Reassigned));
        assert_eq!(step("Заявка закрыта"), Some(Step::Closed));
        assert_eq!(step("已解决"), Some(Step::Resolved));
        assert_eq!(step("工单升级"), Some(Step::Escalated));
        // Whole words: "assigned" is no match inside "reassigned", "open" none in "reopen".
        assert_eq!(step("Reopen"), Some(Step::Reopened));
        assert_eq!(step("Ticket Opened"), Some(Step::Created));
        assert_eq!(step("Completed"), Some(Step::Resolved));
        assert_eq!(step("Agent Investigates Issue"), None);
    }

    #[test]
    fn users_extend_and_replace_patterns() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.steps.push(StepPatterns { step: Step::Escalated, patterns: vec!["to tier *".into()] });
        let matcher = Matcher::new(&vocabulary);
        assert_eq!(matcher.step("Moved to tier 2"), Some(Step::Escalated));
        vocabulary.steps.retain(|s| s.step != Step::Resolved);
        assert_eq!(Matcher::new(&vocabulary).step("Case Resolved"), None);
        let json = serde_json::to_string(&vocabulary).unwrap();
        assert_eq!(serde_json::from_str::<Vocabulary>(&json).unwrap(), vocabulary);
    }

    #[test]
    fn whole_name_patterns_come_before_the_step_order() {
        let mut vocabulary = Vocabulary::default();
        // `pending*` makes it a wait for the customer; the desk says it is the end of the case.
        assert_eq!(step("Pending Vendor"), Some(Step::WaitingForCustomer));
        assert!(vocabulary.mark("Pending Vendor", Step::Closed));
        let matcher = Matcher::new(&vocabulary);
        assert_eq!(matcher.step("Pending Vendor"), Some(Step::Closed));
        assert_eq!(matcher.step("PENDING-vendor"), Some(Step::Closed));
        // Only the whole name: other names the wildcard catches keep their step.
        assert_eq!(matcher.step("Pending Vendor Reply"), Some(Step::WaitingForCustomer));
        assert_eq!(matcher.step("Pending"), Some(Step::WaitingForCustomer));
        // Names no pattern knew, with punctuation, camel case and in Chinese.
        for (name, marked) in
            [("Afgehandeld_X", Step::Resolved), ("Won't Do", Step::Closed), ("已归档 工单", Step::Closed)]
        {
            assert!(vocabulary.mark(name, marked));
            assert_eq!(Matcher::new(&vocabulary).step(name), Some(marked), "{name}");
        }
        // Marking again moves the name to the other step; marking twice adds no duplicate.
        assert!(vocabulary.mark("Pending Vendor", Step::Resolved));
        assert!(vocabulary.mark("Pending Vendor", Step::Resolved));
        assert_eq!(Matcher::new(&vocabulary).step("Pending Vendor"), Some(Step::Resolved));
        let holding: usize =
            vocabulary.steps.iter().map(|s| s.patterns.iter().filter(|p| *p == "pending vendor").count()).sum();
        assert_eq!(holding, 1);
        // A name without letters or digits cannot be marked.
        assert!(!vocabulary.mark(" -- ", Step::Closed));
        assert_eq!(whole_name_pattern("ARCH_Z9").as_deref(), Some("arch z9"));
    }

    #[test]
    fn no_built_in_pattern_is_a_whole_name_an_earlier_step_catches() {
        // Whole-name patterns come first: for the built-in vocabulary that must change
        // nothing, so every built-in pattern without `*`, read as an activity, is its own
        // step by the step order alone.
        let matcher = Matcher::default();
        for patterns in Vocabulary::default().steps {
            for pattern in patterns.patterns.iter().filter(|p| !p.contains('*')) {
                let normal = normalize(pattern);
                let words: Vec<&str> = normal.split(' ').filter(|w| !w.is_empty()).collect();
                let by_order = matcher.first_step(&words, &pattern.to_lowercase()).map(|(s, _)| *s);
                assert_eq!(by_order, Some(patterns.step), "{pattern}");
            }
        }
    }

    #[test]
    fn automations_priorities_and_flags() {
        let m = Matcher::default();
        assert!(m.is_automation("Auto-reply"));
        assert!(m.is_automation("Auto-close"));
        assert!(m.is_automation("System"));
        assert!(!m.is_automation("Anna Rossi"));
        assert_eq!(m.priority_rank("Urgent"), Some((0, false)));
        assert_eq!(m.priority_rank("1 - Critical"), Some((0, false)));
        assert_eq!(m.priority_rank("Low"), Some((3, false)));
        assert_eq!(m.priority_rank("Alta"), Some((1, false)));
        assert_eq!(m.priority_rank("P2"), Some((2, true)));
        assert_eq!(m.priority_rank("Value 3"), Some((3, true)));
        assert_eq!(m.priority_rank("whatever"), None);
        assert!(m.is_yes("Yes") && m.is_yes(" TRUE ") && m.is_yes("да") && !m.is_yes("no"));
    }
}
