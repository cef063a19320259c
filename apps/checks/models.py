"""What the 体检 keeps in the database: the 套话 list an administrator edits, and the index of
paragraph signatures the copied_text rule searches (apps.checks.copies)."""

from django.db import models

from apps.core.fields import CleanCharField


class StockPhraseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class StockPhrase(models.Model):
    """A 套话 reviewers strike out; the stock_phrase rule flags every active one found in a text."""

    phrase = CleanCharField("套话", max_length=50, blank=False, unique=True)
    advice = CleanCharField("修改建议", max_length=200, help_text="提示撰稿人怎样改写，如“写清具体是什么事”")
    is_active = models.BooleanField("启用", default=True)

    objects = StockPhraseQuerySet.as_manager()

    class Meta:
        verbose_name = "套话"
        verbose_name_plural = "套话（体检）"
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class IndexedMaterial(models.Model):
    """When a material's paragraphs were last put into the copy index: ``stamp`` summarises the
    state of its entries (latest change, counts, revisions), so a material whose entries changed
    since is indexed again before the next search (apps.checks.copies.index.refresh)."""

    material = models.OneToOneField(
        "entries.Material", on_delete=models.CASCADE, primary_key=True, related_name="copy_index_state"
    )
    stamp = models.CharField(max_length=200)

    class Meta:
        verbose_name = "查重索引状态"
        verbose_name_plural = "查重索引状态"

    def __str__(self) -> str:
        return f"{self.material_id}: {self.stamp}"


class IndexedParagraph(models.Model):
    """One paragraph of a material's text with its MinHash signature (apps.checks.copies.minhash)."""

    material = models.ForeignKey("entries.Material", on_delete=models.CASCADE, related_name="copy_paragraphs")
    entry_type = models.CharField(max_length=20)
    entry_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=30)
    offset = models.PositiveIntegerField(default=0)  # where the paragraph starts in its field
    text = models.TextField()
    text_hash = models.CharField(max_length=40)
    signature = models.BinaryField()  # NUM_PERM unsigned 32-bit hash values, little-endian

    class Meta:
        verbose_name = "查重段落"
        verbose_name_plural = "查重段落"

    def __str__(self) -> str:
        return f"{self.entry_type}#{self.entry_id}.{self.field}: {self.text[:20]}"


class IndexedBand(models.Model):
    """One LSH band key of a paragraph: two paragraphs sharing a key are candidates (see the module
    docstring of apps.checks.copies.index for why the bands live in the database)."""

    paragraph = models.ForeignKey(IndexedParagraph, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"], name="copy_band_key")]

    def __str__(self) -> str:
        return f"{self.paragraph_id}: {self.key}"
