from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_article_import"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="activity",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
