#pragma once
// The plan as outputs show it: every value from a sensitive source masked (sensitive_values.h).

#include "engine/plan.h"

namespace cc::engine {

/// A copy of `plan` in which a change whose before or after value holds a sensitive value is a
/// sensitive change (rendered "(sensitive, changed)", no values), every desired and observed
/// string holding one is "(sensitive)", and notes and warnings have the values cut out.
/// With no sensitive values it is an unchanged copy.
Plan redactedPlan(const Plan& plan);

/// `change` masked the same way.
FieldChange redactedChange(const FieldChange& change, const SensitiveValues& sensitive);

}  // namespace cc::engine
