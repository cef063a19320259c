from apps.core.guards import Guard, unit_of_member


def _meeting_of_material(column: str, material_column: str = "material_id") -> str:
    return (
        f"(SELECT mt.{column} FROM entries_material ma JOIN meetings_meeting mt ON mt.id = ma.meeting_id "
        f"WHERE ma.id = NEW.{material_column})"
    )


def _same_material(table: str, left: tuple[str, str], right: tuple[str, str]) -> Guard:
    """Both ends of a link table must belong to the same material."""
    (left_column, left_table), (right_column, right_table) = left, right
    return Guard(
        table,
        f"guard_{table}_same_material",
        f"(SELECT material_id FROM {left_table} WHERE id = NEW.{left_column}) <> "
        f"(SELECT material_id FROM {right_table} WHERE id = NEW.{right_column})",
        "关联的问题、原因和措施必须属于同一份材料",
    )


GUARDS = [
    Guard(
        "entries_material",
        "guard_material_member_in_unit",
        f"{unit_of_member('member_id')} <> (SELECT unit_id FROM meetings_meeting WHERE id = NEW.meeting_id)",
        "班子成员必须属于本会议的单位",
    ),
    Guard(
        "entries_problem",
        "guard_problem_aspect_in_outline",
        f"(SELECT outline_id FROM outlines_aspect WHERE id = NEW.aspect_id) <> {_meeting_of_material('outline_id')}",
        "所属方面必须来自本会议的提纲",
    ),
    Guard(
        "entries_aspecttext",
        "guard_aspect_text_aspect_in_outline",
        f"(SELECT outline_id FROM outlines_aspect WHERE id = NEW.aspect_id) <> {_meeting_of_material('outline_id')}",
        "所属方面必须来自本会议的提纲",
    ),
    Guard(
        "entries_measure",
        "guard_measure_owner_in_unit",
        f"{unit_of_member('owner_id')} <> {_meeting_of_material('unit_id')}",
        "责任领导必须是本单位班子成员",
    ),
    _same_material(
        "entries_cause_problems", ("cause_id", "entries_cause"), ("problem_id", "entries_problem")
    ),
    _same_material(
        "entries_measure_problems", ("measure_id", "entries_measure"), ("problem_id", "entries_problem")
    ),
    _same_material(
        "entries_measure_causes", ("measure_id", "entries_measure"), ("cause_id", "entries_cause")
    ),
]
