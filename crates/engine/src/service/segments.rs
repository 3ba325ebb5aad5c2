//! Segments: cases grouped by priority, channel, case type, team or agent (see the
//! [service definitions](super) for which value of a case counts).

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::context::ServiceContext;
use super::facts::CaseFacts;
use crate::log::{EventLog, ResourceId, ServiceField, ValueId};

/// What cases are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Segment {
    /// The priority at creation.
    Priority,
    /// The channel.
    Channel,
    /// The case type at creation.
    CaseType,
    /// The resolving team.
    Team,
    /// The resolving agent.
    Agent,
}

impl Segment {
    /// Every segment, in the order reports list them. (The enum's order: strum lists the variants.)
    pub const ALL: &'static [Segment] = <Segment as VariantArray>::VARIANTS;

    /// The segment's key in reports: `priority`, `channel`, `case_type`, `team`, `agent`.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The service field behind the segment (none for agents, who are the resource).
    pub fn field(self) -> Option<ServiceField> {
        match self {
            Segment::Priority => Some(ServiceField::Priority),
            Segment::Channel => Some(ServiceField::Channel),
            Segment::CaseType => Some(ServiceField::CaseType),
            Segment::Team => Some(ServiceField::Team),
            Segment::Agent => None,
        }
    }

    /// Whether the log has the column.
    pub fn available(self, log: &EventLog, ctx: &ServiceContext) -> bool {
        match self.field() {
            Some(field) => ctx.field(log, field).is_some(),
            None => !log.resources.is_empty(),
        }
    }

    /// The value of a case as a number: a [`ValueId`] of the field's attribute, or a
    /// [`ResourceId`] for [`Segment::Agent`] (missing values are `u32::MAX` in both).
    pub fn value(self, facts: &CaseFacts) -> u32 {
        match self {
            Segment::Priority => facts.priority.0,
            Segment::Channel => facts.channel.0,
            Segment::CaseType => facts.case_type.0,
            Segment::Team => facts.team.0,
            Segment::Agent => facts.agent.0,
        }
    }

    /// The name of a [value](Segment::value) (`None` for a missing value).
    pub fn name(self, log: &EventLog, ctx: &ServiceContext, id: u32) -> Option<String> {
        match self.field() {
            Some(field) => {
                let id = ValueId(id);
                if id == ValueId::MISSING {
                    return None;
                }
                ctx.field(log, field).and_then(|a| a.values.get(id)).map(str::to_owned)
            }
            None => {
                let id = ResourceId(id);
                if id == ResourceId::MISSING {
                    return None;
                }
                log.resources.get(id).map(str::to_owned)
            }
        }
    }
}

/// The cases of each value of a segment: the largest groups first, equal sizes by name, the
/// cases without a value last (name `None`); priorities the vocabulary can rank come most
/// urgent first, before those it cannot. Empty when the log lacks the column.
pub fn group<'a>(
    log: &EventLog,
    ctx: &ServiceContext,
    facts: &'a [CaseFacts],
    segment: Segment,
) -> Vec<(Option<String>, Vec<&'a CaseFacts>)> {
    if !segment.available(log, ctx) {
        return Vec::new();
    }
    let mut groups: std::collections::BTreeMap<u32, Vec<&CaseFacts>> = std::collections::BTreeMap::new();
    for f in facts {
        groups.entry(segment.value(f)).or_default().push(f);
    }
    let mut list: Vec<(Option<String>, Vec<&CaseFacts>)> =
        groups.into_iter().map(|(id, cases)| (segment.name(log, ctx, id), cases)).collect();
    let rank = |value: &Option<String>| -> Option<u32> {
        if segment != Segment::Priority {
            return None;
        }
        value.as_deref().and_then(|v| ctx.matcher.priority_rank(v)).map(|(rank, _)| rank)
    };
    list.sort_by(|(a, a_cases), (b, b_cases)| {
        a.is_none()
            .cmp(&b.is_none())
            .then_with(|| (rank(a).is_none(), rank(a)).cmp(&(rank(b).is_none(), rank(b))))
            .then(b_cases.len().cmp(&a_cases.len()))
            .then_with(|| a.cmp(b))
    });
    list
}
