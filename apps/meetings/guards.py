from apps.core.guards import Guard, meeting_column, unit_of_member

_SAME_UNIT = "班子成员必须属于本会议的单位"

GUARDS = [
    Guard(
        "meetings_meeting",
        "guard_meeting_host_in_unit",
        f"{unit_of_member('host_id')} <> NEW.unit_id",
        "主持人必须是本单位班子成员",
    ),
    Guard(
        "meetings_attendance",
        "guard_attendance_member_in_unit",
        f"{unit_of_member('member_id')} <> {meeting_column('unit_id')}",
        _SAME_UNIT,
    ),
    Guard(
        "meetings_talk",
        "guard_talk_initiator_in_unit",
        f"{unit_of_member('initiator_id')} <> {meeting_column('unit_id')}",
        _SAME_UNIT,
    ),
    Guard(
        "meetings_talk",
        "guard_talk_counterpart_in_unit",
        f"{unit_of_member('counterpart_id')} <> {meeting_column('unit_id')}",
        _SAME_UNIT,
    ),
    Guard(
        "meetings_opinion",
        "guard_opinion_target_in_unit",
        f"{unit_of_member('target_member_id')} <> {meeting_column('unit_id')}",
        _SAME_UNIT,
    ),
    Guard(
        "meetings_opinion",
        "guard_opinion_aspect_in_outline",
        "(SELECT outline_id FROM outlines_aspect WHERE id = NEW.aspect_id) <> "
        f"{meeting_column('outline_id')}",
        "意见所属方面必须来自本会议的提纲",
    ),
    Guard(
        "meetings_opinion",
        "guard_opinion_solicitation_in_meeting",
        "(SELECT meeting_id FROM meetings_opinionsolicitation WHERE id = NEW.solicitation_id) <> NEW.meeting_id",
        "意见来源必须属于本会议",
    ),
    Guard(
        "meetings_opinion",
        "guard_opinion_claim_in_meeting",
        "(SELECT m.meeting_id FROM entries_problem p JOIN entries_material m ON m.id = p.material_id "
        "WHERE p.id = NEW.claimed_by_id) <> NEW.meeting_id",
        "认领问题必须属于本会议",
    ),
]
