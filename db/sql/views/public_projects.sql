-- The projects the public may see: the plan's own projects and any project with a public stage
-- (an application taken forward), never one under an active withholding.
-- Reference data only (what, where, who implements it): money comes from public_transfer_lines.
CREATE OR REPLACE VIEW "public_projects" AS
  SELECT p.id, p.code, p.name, p.description, p.town, p.type, pt.name AS type_name, pt.name_en AS type_name_en,
         z.code AS zone_code, z.name AS zone_name, z.name_en AS zone_name_en,
         k.code AS key_area_code, k.name AS key_area_name, k.name_en AS key_area_name_en,
         g.code AS group_code, g.name AS group_name, g.name_en AS group_name_en,
         o.code AS implementing_org_code, o.name AS implementing_org_name, o.name_en AS implementing_org_name_en,
         COALESCE((SELECT array_agg(c.code ORDER BY c.code) FROM project_counties pc JOIN organisations c ON c.id = pc.county_id
                   WHERE pc.project_id = p.id), '{}'::text[]) AS county_codes,
         p.planned_start::text AS planned_start, p.planned_end::text AS planned_end,
         p.from_plan, p.is_demo
  FROM projects p
  JOIN project_types pt ON pt.code = p.type
  LEFT JOIN restoration_zones z ON z.id = p.zone_id
  LEFT JOIN key_areas k ON k.id = p.key_area_id
  LEFT JOIN engineering_groups g ON g.id = p.group_id
  LEFT JOIN organisations o ON o.id = p.implementing_org_id
  WHERE NOT EXISTS (SELECT 1 FROM active_withholdings w WHERE w.item_type = 'project' AND w.item_id = p.id)
    AND (p.from_plan
         OR EXISTS (SELECT 1 FROM public_item_timeline t WHERE t.project_id = p.id));
