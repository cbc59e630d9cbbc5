-- Photos of published items only; they were re-encoded on upload and carry no metadata.
CREATE OR REPLACE VIEW "public_feedback_photos" AS
  SELECT ph.id, pf.tracking_code, ph.sha256, ph.mime_type, ph.byte_size, ph.width, ph.height, ph.content
  FROM feedback_photos ph JOIN public_feedback pf ON pf.id = ph.feedback_id;
