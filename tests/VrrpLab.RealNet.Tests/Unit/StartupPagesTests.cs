namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>Once running, the daemon gives back the executable's clean pages that only its start-up touched, never a written one.</summary>
public sealed class StartupPagesTests
{
    [Test]
    public void The_executables_clean_pages_leave_the_resident_set_and_its_written_pages_stay()
    {
        (long readOnlyBefore, long writtenBefore) = ExecutableRss();
        Assert.That(readOnlyBefore, Is.GreaterThan(0), "the executable has resident read-only pages to start with");

        long released = StartupPages.Release();
        (long readOnlyAfter, long writtenAfter) = ExecutableRss();

        Assert.Multiple(() =>
        {
            Assert.That(released, Is.GreaterThan(0));
            Assert.That(readOnlyAfter, Is.LessThan(readOnlyBefore), "the read-only mappings shrank");
            Assert.That(writtenAfter, Is.GreaterThanOrEqualTo(writtenBefore), "every written (anonymous) page is still there, resident or in swap");
            // The process goes on running code from the released pages (the kernel maps them again).
            Assert.That(string.Join(",", Enumerable.Range(1, 3)), Is.EqualTo("1,2,3"));
        });
    }

    /// <summary>KiB resident in the executable's clean read-only mappings, and its written (anonymous) KiB, resident or swapped.</summary>
    private static (long ReadOnly, long Written) ExecutableRss()
    {
        string exe = Environment.ProcessPath!;
        long readOnly = 0, written = 0, rss = 0;
        bool mine = false, eligible = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 5 && f[0].Contains('-', StringComparison.Ordinal) && !f[0].EndsWith(':'))
            {
                mine = f.Length == 6 && f[5] == exe;
                eligible = mine && f[1] is "r-xp" or "r--p";
            }
            else if (mine && f[0] == "Rss:")
            {
                rss = long.Parse(f[1], CultureInfo.InvariantCulture);
            }
            else if (mine && f[0] == "Anonymous:")
            {
                long anonymous = long.Parse(f[1], CultureInfo.InvariantCulture);
                if (eligible && anonymous == 0)
                {
                    readOnly += rss;
                }

                written += anonymous;
            }
            else if (mine && f[0] == "Swap:")
            {
                written += long.Parse(f[1], CultureInfo.InvariantCulture);
            }
        }

        return (readOnly, written);
    }
}
